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
# Then change review (docs/review.md): in another repository, the hook
# configured as docs/review.md shows it (`args: [--base, HEAD]`) and
# installed with `pre-commit install`, real `git commit`s: a staged template
# switch that changes funding.source is blocked with template-switch;
# harmless changes are committed.
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

# Change review in pre-commit (docs/review.md): the hook configured exactly
# as that page shows it, `args: [--base, HEAD]`, only the repository and rev
# pointed at the hook under test, installed as the git hook so that a real
# `git commit` runs it on the files about to be committed.
review="$work/review"
mkdir -p "$review/campaigns" "$review/templates"
git -C "$review" init -q
doc_config=$(awk '
  /^## pre-commit$/ { section = 1; next }
  section && /^## / { exit }
  section && /^```yaml$/ { block = 1; next }
  block && /^```$/ { exit }
  block { print }
' "$repo/docs/review.md")
[ -n "$doc_config" ] || fail "docs/review.md has no yaml block under '## pre-commit'"
printf '%s\n' "$doc_config" |
  sed -e "s|^  - repo: https://github.com/your-org/promolint\$|  - repo: $hook_repo|" \
    -e "s|^    rev: v0.1.0  # a tag or commit of promolint\$|    rev: $hook_rev|" \
    >"$review/.pre-commit-config.yaml"
grep -qx "  - repo: $hook_repo" "$review/.pre-commit-config.yaml" &&
  grep -qx "    rev: $hook_rev" "$review/.pre-commit-config.yaml" &&
  grep -qx '        args: \[--base, HEAD\]' "$review/.pre-commit-config.yaml" ||
  fail "the docs/review.md snippet changed: this test no longer matches it"
say "hook config from docs/review.md:"
sed 's/^/    | /' "$review/.pre-commit-config.yaml"
cp "$project/campaigns/spring-cashback.yaml" "$review/$campaign"
# The template as the project had it, without the channel fault planted above.
git -C "$project" show HEAD~1:"$template" |
  sed 's/^channels: \[online-checkout, p2p-transfer\]$/channels: [online-checkout, merchant-qr]/' \
    >"$review/$template"
grep -q 'p2p-transfer' "$review/$template" && fail "the review template still has the planted fault"
# Another template: the same terms, but the government pays (funding.source).
sed -e 's/^id: tmpl-merchant-cashback$/id: tmpl-gov-cashback/' \
  -e 's/^description: Merchant-funded/description: Government-funded/' \
  -e 's/^  source: merchant$/  source: government/' \
  "$review/$template" >"$review/templates/tmpl-gov-cashback.yaml"
grep -q '^  source: government$' "$review/templates/tmpl-gov-cashback.yaml" ||
  fail "could not write the government-funded template"
(cd "$review" && "$pre_commit" install) >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "pre-commit install failed"; }

# expect_commit pass|fail DESCRIPTION TEXT... -- GIT COMMIT ARGS...
# Runs `git commit` in the review project; the hook must pass and the commit
# be made, or the hook fail, every TEXT be in its output and HEAD not move.
expect_commit() {
  local want=$1 what=$2
  shift 2
  local texts=()
  while [ "$1" != "--" ]; do
    texts+=("$1")
    shift
  done
  shift
  local log="$work/commit-$passed.log" status=0 t0=$SECONDS before after
  before=$(git -C "$review" rev-parse -q --verify HEAD || echo none)
  (cd "$review" && git commit "$@") >"$log" 2>&1 </dev/null || status=$?
  after=$(git -C "$review" rev-parse -q --verify HEAD || echo none)
  if [ "$want" = pass ]; then
    if [ "$status" -ne 0 ] || ! grep -Eq '^promolint\.+Passed' "$log" || [ "$before" = "$after" ]; then
      cat "$log" >&2
      fail "$what: expected the hook to pass and the commit to be made (git commit exited $status)"
    fi
    passed=$((passed + 1))
    say "ok ($((SECONDS - t0))s): $what: the hook passed, committed"
  else
    if [ "$status" -eq 0 ] || ! grep -Eq '^promolint\.+Failed' "$log" || [ "$before" != "$after" ]; then
      cat "$log" >&2
      fail "$what: expected the hook to block the commit (git commit exited $status)"
    fi
    local text
    for text in "${texts[@]}"; do
      if ! grep -qF -- "$text" "$log"; then
        cat "$log" >&2
        fail "$what: the output does not have: $text"
      fi
    done
    passed=$((passed + 1))
    say "ok ($((SECONDS - t0))s): $what: the commit was blocked:"
    grep -F -m 6 -e "${texts[0]}" -e "error" -e "warning" "$log" | sed 's/^/    | /'
  fi
}

say "review project: $review"
git -C "$review" add -A
expect_commit fail "the first commit, no HEAD yet (docs/review.md)" "HEAD has no commit yet" -- \
  -q -m "a campaign and two templates"
git -C "$review" commit -q --no-verify -m "a campaign and two templates"

# The change under review: the campaign switches to the government-funded
# template, staged. Its own rate stays; funding.source changes with it.
sed -i 's/^template: tmpl-merchant-cashback$/template: tmpl-gov-cashback/' "$review/$campaign"
grep -q '^template: tmpl-gov-cashback$' "$review/$campaign" || fail "could not switch the template"
git -C "$review" add "$campaign"
expect_commit fail "git commit, the campaign switched to a government-funded template" \
  template-switch "funding.source merchant -> government" stale-approval -- \
  -q -m "switch to the government-funded template"

# Only what is staged is reviewed: a harmless change staged, the template
# switch left in the working tree (pre-commit stashes it while the hook runs).
git -C "$review" checkout -q HEAD -- "$campaign"
sed -i 's/^name: Spring festival cashback$/name: Spring festival cashback, online and QR/' "$review/$campaign"
grep -q '^name: Spring festival cashback, online and QR$' "$review/$campaign" || fail "could not rename"
git -C "$review" add "$campaign"
sed -i 's/^template: tmpl-merchant-cashback$/template: tmpl-gov-cashback/' "$review/$campaign"
expect_commit pass "git commit, a harmless rename staged, the template switch not staged" -- \
  -q -m "rename the campaign"
grep -q '^template: tmpl-gov-cashback$' "$review/$campaign" ||
  fail "the unstaged template switch did not survive the commit"
git -C "$review" diff --quiet HEAD -- "$campaign" &&
  fail "the unstaged template switch was committed"

# Another harmless change alone, the working tree clean.
git -C "$review" checkout -q HEAD -- "$campaign"
sed -i 's/^owner: growth-payments@example.com$/owner: growth-cashback@example.com/' "$review/$campaign"
grep -q '^owner: growth-cashback@example.com$' "$review/$campaign" || fail "could not change the owner"
git -C "$review" add "$campaign"
expect_commit pass "git commit, a new owner" -- -q -m "hand the campaign to growth-cashback"

say "every pre-commit run as expected, in $((SECONDS - started))s"
say "$passed passed, 0 failed"
