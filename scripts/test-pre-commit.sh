#!/usr/bin/env bash
# Proves the `language: rust` pre-commit hook `promolint` of
# .pre-commit-hooks.yaml with the real pre-commit: installs it from PyPI into
# a throw-away virtual environment, makes a temporary git repository with a
# campaign and, in another file, the template it uses, and runs the hook on
# it with `pre-commit try-repo` and with `pre-commit run` from a
# .pre-commit-config.yaml written as docs/ci.md shows. It must pass on the
# clean campaign (the template resolves even when only the campaign file is
# named: the project is the context) and fail, naming the rule, on faulty
# ones. (scripts/test-wheel.sh does the same for the `language: python` hook
# `promolint-wheel`; both use scripts/lib/pre-commit-test.sh.)
#
# pre-commit builds the hook with `cargo install --path` (a release build),
# three times here: once per try-repo (each uses a store of its own) and once
# for `pre-commit run`. The first build takes minutes; the others only
# rebuild promolint itself, as all share one CARGO_TARGET_DIR: this script's
# own (made and removed), or PROMOLINT_HOOK_TARGET_DIR when set (.ci/run
# shares it with scripts/test-wheel.sh). Exits non-zero on any unexpected
# result.
set -euo pipefail

TEST_NAME=test-pre-commit
# shellcheck source=lib/pre-commit-test.sh
source "$(dirname "$0")/lib/pre-commit-test.sh"
started=$SECONDS

command -v cargo >/dev/null || fail "cargo is not installed"
export CARGO_TARGET_DIR=${PROMOLINT_HOOK_TARGET_DIR:-$work/target}

install_tools "$work/venv"
snapshot_hook_repo

make_project "$work/project"
write_config "$hook_repo" "$hook_rev" promolint
say "project: $project"
commit "a clean campaign and, in another file, its template"

# pre-commit try-repo builds the hook afresh each time (a store of its own).
try_repo=(try-repo "$hook_repo" promolint --ref "$hook_rev")
expect pass "try-repo --all-files, clean campaign and template" -- \
  "${try_repo[@]}" --all-files

# The .pre-commit-config.yaml of the project (the docs/ci.md snippet): the
# hook is built once into PRE_COMMIT_HOME. --all-files names the hidden
# .pre-commit-config.yaml too, which the hook must leave alone.
expect pass "run --all-files, clean" -- run --all-files
expect pass "run --files $campaign (its template in another file, not named), clean" -- \
  run --files "$campaign"

misspell_max_discount
commit "misspell max_discount"
expect fail "try-repo --files $campaign, max_discount misspelt" unknown-field max_discout -- \
  "${try_repo[@]}" --files "$campaign"
expect fail "run --all-files, max_discount misspelt" unknown-field max_discout -- \
  run --all-files
expect fail "run --files $campaign, max_discount misspelt" unknown-field max_discout -- \
  run --files "$campaign"
git -C "$project" checkout -q HEAD~1 -- "$campaign"

# A fault in the template, only the campaign named: found through the context.
sed -i 's/^channels: \[online-checkout, merchant-qr\]$/channels: [online-checkout, p2p-transfer]/' \
  "$project/$template"
grep -q 'p2p-transfer' "$project/$template" || fail "could not plant the fault"
commit "fix the cap; a forbidden channel in the template"
expect fail "run --files $campaign, a forbidden channel inherited from the template" \
  forbidden-channel p2p-transfer -- run --files "$campaign"

# Without the template the same campaign fails: the passes above resolved it.
git -C "$project" rm -q "$template"
commit "remove the template"
expect fail "run --files $campaign, its template removed" unknown-template -- \
  run --files "$campaign"

say "every pre-commit run as expected, in $((SECONDS - started))s"
say "$passed passed, 0 failed"
