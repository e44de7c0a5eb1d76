#!/usr/bin/env bash
# Proves the Python packaging of promolint (pyproject.toml, maturin with
# `bindings = "bin"`) end to end:
#  1. builds the wheel and the sdist with maturin from PyPI (one release
#     build, into CARGO_TARGET_DIR: PROMOLINT_HOOK_TARGET_DIR when set, as
#     .ci/run does to share it with scripts/test-pre-commit.sh, else the
#     checkout's target/);
#  2. installs the wheel into a fresh virtual environment and, with no cargo
#     or rustc on the PATH, runs `promolint --version` (the Cargo.toml
#     version and the commit) and `promolint check` on a scratch project (a
#     clean campaign passes, a faulty one fails naming the rule); the man
#     pages are installed under share/man/man1;
#  3. runs the real pre-commit with the `language: python` hook
#     `promolint-wheel` of .pre-commit-hooks.yaml on that project (pre-commit
#     pip-installs the hook repository, maturin builds it): the clean
#     campaign passes, the faulty one is blocked;
#  4. runs the shell steps of the composite action (action.yml) with
#     scripts/run-action.py, installing the wheel with no cargo on the PATH
#     and no package index: SARIF written, the verdict step failing on
#     findings and passing on the clean campaign;
#  5. runs pre-commit with the hooks-only mirror repository that
#     scripts/make-pre-commit-mirror.sh writes (`promolint==VERSION` as its
#     only dependency), with no cargo on the PATH and only the built wheel
#     and setuptools to install from: the wheel is installed, nothing built.
# The scratch project and the pre-commit helpers are scripts/lib's, shared
# with scripts/test-pre-commit.sh. Skipped, saying so, only when PyPI cannot
# be reached (maturin and pre-commit come from there). Exits non-zero on any
# unexpected result.
set -euo pipefail

TEST_NAME=test-wheel
SKIP_OFFLINE=1
MATURIN_VERSION=1.16.0
# shellcheck source=lib/pre-commit-test.sh
source "$(dirname "$0")/lib/pre-commit-test.sh"
started=$SECONDS

command -v cargo >/dev/null || fail "cargo is not installed (the wheel is built here)"
export CARGO_TARGET_DIR=${PROMOLINT_HOOK_TARGET_DIR:-$repo/target}

install_tools "$work/tools" "maturin==$MATURIN_VERSION"
tools=$work/tools/bin
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)
[ -n "$version" ] || fail "no version in Cargo.toml"

# The PATH without any directory that holds cargo or rustc.
no_cargo_path=
IFS=: read -r -a path_dirs <<<"$PATH"
for dir in "${path_dirs[@]}"; do
  [ -n "$dir" ] && [ ! -x "$dir/cargo" ] && [ ! -x "$dir/rustc" ] && no_cargo_path=${no_cargo_path:+$no_cargo_path:}$dir
done
if PATH=$no_cargo_path command -v cargo >/dev/null; then fail "could not take cargo off the PATH"; fi

# 1. The wheel and the sdist.
say "maturin build --release (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
t0=$SECONDS
(cd "$repo" && "$tools/maturin" build --release --locked --out "$work/dist") >"$work/maturin.log" 2>&1 ||
  { cat "$work/maturin.log" >&2; fail "maturin build failed"; }
wheels=("$work"/dist/promolint-"$version"-*.whl)
wheel=${wheels[0]}
[ -f "$wheel" ] || { cat "$work/maturin.log" >&2; fail "no promolint-$version wheel in $work/dist"; }
say "ok ($((SECONDS - t0))s): built $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KB"
passed=$((passed + 1))

(cd "$repo" && "$tools/maturin" sdist --out "$work/dist") >"$work/sdist.log" 2>&1 ||
  { cat "$work/sdist.log" >&2; fail "maturin sdist failed"; }
sdist=$work/dist/promolint-$version.tar.gz
[ -f "$sdist" ] || fail "no promolint-$version.tar.gz in $work/dist"
tar -tzf "$sdist" >"$work/sdist.list"
for member in pyproject.toml Cargo.toml Cargo.lock build.rs src/main.rs \
  packaging/wheel-data/data/share/man/man1/promolint.1; do
  grep -qx "promolint-$version/$member" "$work/sdist.list" || fail "the sdist lacks $member"
done
say "ok: $(basename "$sdist") holds the sources, Cargo.lock, build.rs and the man pages"
passed=$((passed + 1))

# 2. A user's virtual environment, no Rust toolchain.
python3 -m venv "$work/user"
"$work/user/bin/pip" install --quiet --no-index "$wheel" || fail "pip could not install $wheel"
user_path=$work/user/bin:$no_cargo_path
got=$(PATH=$user_path promolint --version) || fail "promolint --version failed"
commit=$(git -C "$repo" log -1 --abbrev=9 --format='%h %cs' HEAD)
[ "$got" = "promolint $version ($commit)" ] ||
  fail "promolint --version printed '$got', not 'promolint $version ($commit)'"
[ "$(PATH=$user_path command -v promolint)" = "$work/user/bin/promolint" ] ||
  fail "promolint on the PATH is not the wheel's"
say "ok: the wheel's promolint, no cargo on the PATH: $got"
passed=$((passed + 1))

for page in "$repo"/packaging/wheel-data/data/share/man/man1/*.1; do
  cmp -s "$page" "$work/user/share/man/man1/$(basename "$page")" ||
    fail "the wheel did not install share/man/man1/$(basename "$page")"
done
say "ok: man pages installed in $work/user/share/man/man1"
passed=$((passed + 1))

make_project "$work/project"
commit "a clean campaign and, in another file, its template"

# check_project WANT_STATUS DESCRIPTION [RULE]: the wheel's promolint on the
# project, no cargo on the PATH.
check_project() {
  local status=0
  (cd "$project" && PATH=$user_path promolint check --color never) >"$work/check.log" 2>&1 || status=$?
  if [ "$status" -ne "$1" ] || { [ -n "${3:-}" ] && ! grep -q -- "$3" "$work/check.log"; }; then
    cat "$work/check.log" >&2
    fail "$2: promolint check exited $status, expected $1${3:+ naming $3}"
  fi
  passed=$((passed + 1))
  say "ok: $2: promolint check exited $status${3:+, naming $3}"
}
check_project 0 "clean campaign"
misspell_max_discount
check_project 1 "max_discount misspelt" unknown-field
git -C "$project" checkout -q -- "$campaign"

# 3. The `language: python` hook with the real pre-commit.
snapshot_hook_repo
write_config "$hook_repo" "$hook_rev" promolint-wheel
commit "use the promolint-wheel hook"
HOOK_NAME="promolint (wheel)"
first_run=$SECONDS
expect pass "pre-commit run --all-files (installs the hook: pip builds the wheel), clean" -- \
  run --all-files
say "the first pre-commit run with promolint-wheel took $((SECONDS - first_run))s"
expect pass "pre-commit run --files $campaign, clean" -- run --files "$campaign"
misspell_max_discount
commit "misspell max_discount"
expect fail "pre-commit run --files $campaign, max_discount misspelt" unknown-field max_discout -- \
  run --files "$campaign"
expect fail "pre-commit run --all-files, max_discount misspelt" unknown-field max_discout -- \
  run --all-files

# 4. The composite action's shell steps, from the wheel, no cargo, no index.
# run_action WANT_STATUS WANT_EXIT_CODE DESCRIPTION INPUT=VALUE...
run_action() {
  local want_status=$1 want_code=$2 what=$3 status=0
  shift 3
  rm -rf "$work/runner-temp" "$project/promolint.sarif"
  mkdir -p "$work/runner-temp"
  PATH=$no_cargo_path PIP_NO_INDEX=1 "$tools/python" "$repo/scripts/run-action.py" \
    "$repo/action.yml" "$project" "$work/runner-temp" "package=$wheel" "$@" \
    >"$work/action.json" 2>"$work/action.log" || status=$?
  if [ "$status" -ne "$want_status" ]; then
    cat "$work/action.log" "$work/action.json" >&2
    fail "action, $what: exited $status, expected $want_status"
  fi
  "$tools/python" - "$work/action.json" "$project" "$want_code" <<'PY' || { cat "$work/action.log" >&2; fail "action, $what: see above"; }
import json, os, sys
report, project, want_code = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
outputs = report["outputs"]
assert outputs["exit-code"] == want_code, f"exit-code output {outputs['exit-code']}, expected {want_code}"
sarif_path = os.path.join(project, outputs["sarif-file"])
log = json.load(open(sarif_path))
assert log["version"] == "2.1.0", log.get("version")
results = log["runs"][0]["results"]
rules = {r["ruleId"] for r in results if r.get("level") == "error"}
if want_code == "0":
    assert not rules, f"error results on the clean campaign: {rules}"
else:
    assert "unknown-field" in rules, f"no unknown-field error result: {rules}"
upload = next(s for s in report["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
assert upload["with"]["sarif_file"] == outputs["sarif-file"], upload
assert "sarif-written == 'true'" in upload["if"] and "!cancelled()" in upload["if"], upload["if"]
check = next(s for s in report["steps"] if s["name"] == "Run promolint")
assert check["outputs"]["sarif-written"] == "true", check
print(f"{len(results)} SARIF results, rules with errors: {sorted(rules) or 'none'}")
PY
  passed=$((passed + 1))
  say "ok: action, $what: exited $status, exit-code $want_code"
}
run_action 1 1 "max_discount misspelt"
run_action 0 1 "max_discount misspelt, fail-on-findings false" fail-on-findings=false
git -C "$project" checkout -q HEAD~1 -- "$campaign"
run_action 0 0 "clean campaign" sarif-file=promolint.sarif
if PATH=$user_path promolint check --help >"$work/help.txt" && grep -q -- '--output-file' "$work/help.txt"; then
  say "(the action wrote the SARIF with --output-file)"
else
  say "(this promolint has no --output-file: the action redirected standard output to the SARIF file)"
fi

# 5. The hooks-only mirror (scripts/make-pre-commit-mirror.sh): pre-commit
# installs the wheel and builds nothing, with no cargo on the PATH and no
# package index but a directory holding the wheel and setuptools (the
# mirror's build backend).
mirror=$work/mirror
bash "$repo/scripts/make-pre-commit-mirror.sh" "$mirror" >/dev/null
"$tools/python" - "$repo/.pre-commit-hooks.yaml" "$mirror/.pre-commit-hooks.yaml" <<'PY' || fail "the mirror's hook differs from promolint's"
import sys, yaml
own = yaml.safe_load(open(sys.argv[1]))[0]
mirror, = yaml.safe_load(open(sys.argv[2]))
for key in ("id", "entry", "files", "exclude", "require_serial"):
    assert own[key] == mirror[key], (key, own[key], mirror[key])
assert mirror["language"] == "python"
PY
git -C "$mirror" init -q
git -C "$mirror" add -A
git -C "$mirror" commit -q -m "promolint $version"
mkdir -p "$work/wheelhouse"
cp "$wheel" "$work/wheelhouse/"
"$tools/pip" download --quiet --dest "$work/wheelhouse" "setuptools>=61" >"$work/pip-download.log" 2>&1 ||
  { cat "$work/pip-download.log" >&2; fail "could not download setuptools for the mirror's build"; }
write_config "$mirror" "$(git -C "$mirror" rev-parse HEAD)" promolint
commit "use the pre-commit mirror"
HOOK_NAME=promolint
export PIP_NO_INDEX=1 PIP_FIND_LINKS=$work/wheelhouse
EXPECT_PATH=$no_cargo_path
first_run=$SECONDS
expect pass "mirror: pre-commit run --all-files (installs the wheel, no cargo), clean" -- \
  run --all-files
say "the first pre-commit run with the mirror's hook took $((SECONDS - first_run))s"
misspell_max_discount
commit "misspell max_discount"
expect fail "mirror: pre-commit run --files $campaign, max_discount misspelt" unknown-field max_discout -- \
  run --files "$campaign"
unset PIP_NO_INDEX PIP_FIND_LINKS EXPECT_PATH

say "every step as expected, in $((SECONDS - started))s"
say "$passed passed, 0 failed"
