# shellcheck shell=bash
# Shared by scripts/test-pre-commit.sh (the `language: rust` hook) and
# scripts/test-wheel.sh (the wheel and the `language: python` hook): a
# throw-away work directory, an environment that nothing of the caller's git
# or pre-commit setup leaks into, the real pre-commit from PyPI in a virtual
# environment, the hook repository under test, a scratch project with a
# campaign and its template, and `expect`, which runs pre-commit and checks
# its verdict. Source it after setting TEST_NAME; it sets work, passed, repo.

PRE_COMMIT_VERSION=4.7.0

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
passed=0
fail() {
  echo "$TEST_NAME: FAIL: $*" >&2
  echo "$TEST_NAME: $passed passed, 1 failed"
  exit 1
}
say() { echo "$TEST_NAME: $*"; }

command -v python3 >/dev/null || fail "python3 is not installed"
command -v git >/dev/null || fail "git is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/promolint-$TEST_NAME.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# Nothing from the caller's git or pre-commit setup leaks in.
: >"$work/gitconfig"
export GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=promolint-test GIT_AUTHOR_EMAIL=promolint-test@example.com
export GIT_COMMITTER_NAME=promolint-test GIT_COMMITTER_EMAIL=promolint-test@example.com
export PRE_COMMIT_HOME="$work/pre-commit-home"
export PIP_DISABLE_PIP_VERSION_CHECK=1
unset PRE_COMMIT_COLOR GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export CARGO_TERM_COLOR=never

# pip_failed_offline LOG: whether pip failed because the package index could
# not be reached (rather than for a reason this test must report).
pip_failed_offline() {
  grep -Eq 'NewConnectionError|Network is unreachable|Temporary failure in name resolution|Name or service not known|Connection refused|ConnectTimeout|ProxyError|Failed to establish a new connection' "$1"
}

# install_tools VENV [PACKAGE...]: pre-commit (pinned) and PACKAGEs from
# PyPI into a new virtual environment. With SKIP_OFFLINE=1, a registry that
# cannot be reached skips the test (exit 0, saying so); any other failure
# fails it.
install_tools() {
  local venv=$1
  shift
  say "pre-commit $PRE_COMMIT_VERSION${*:+ and $*} from PyPI into a throw-away virtual environment"
  python3 -m venv "$venv" || fail "python3 -m venv failed (on Debian: apt-get install python3-venv)"
  if ! "$venv/bin/pip" install --quiet "pre-commit==$PRE_COMMIT_VERSION" "$@" >"$work/pip.log" 2>&1; then
    cat "$work/pip.log" >&2
    if [ "${SKIP_OFFLINE:-0}" = 1 ] && pip_failed_offline "$work/pip.log"; then
      say "SKIPPED: PyPI cannot be reached, so nothing was tested (pip could not connect; see above)"
      echo "$TEST_NAME: 0 passed, 0 failed, 1 skipped"
      exit 0
    fi
    fail "could not install pre-commit==$PRE_COMMIT_VERSION $* with pip: is PyPI reachable? (this test needs it)"
  fi
  pre_commit="$venv/bin/pre-commit"
  "$pre_commit" --version
}

# snapshot_hook_repo: sets hook_repo and hook_rev. The hook repository is
# this checkout at HEAD when it is clean (as in CI). With uncommitted
# changes, a snapshot of the working tree (tracked and untracked files that
# are not ignored) committed in a scratch repository, so the hook under test
# is the one being edited and is built once per pre-commit store rather
# than once per shadow copy.
snapshot_hook_repo() {
  if [ -z "$(git -C "$repo" status --porcelain --untracked-files=normal)" ]; then
    hook_repo=$repo
    say "hook repository: $repo at $(git -C "$repo" rev-parse --short HEAD)"
  else
    hook_repo="$work/snapshot"
    mkdir -p "$hook_repo"
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
      while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
      xargs -0 cp --parents -t "$hook_repo")
    git -C "$hook_repo" init -q
    git -C "$hook_repo" add -A
    git -C "$hook_repo" commit -q -m "snapshot of $repo"
    say "hook repository: snapshot of $repo with its uncommitted changes"
  fi
  hook_rev=$(git -C "$hook_repo" rev-parse HEAD)
}

campaign=campaigns/spring-cashback.yaml
template=templates/tmpl-merchant-cashback.yaml

# make_project DIR: a git repository with a clean campaign and, in another
# file, the template it uses. Sets project.
make_project() {
  project=$1
  mkdir -p "$project/campaigns" "$project/templates"
  git -C "$project" init -q

  cat >"$project/$template" <<'YAML'
apiVersion: promo/v1
kind: Template
id: tmpl-merchant-cashback
description: Merchant-funded cashback, online and at merchant QR codes, behind a kill switch
currency: CNY
channels: [online-checkout, merchant-qr]
funding:
  source: merchant
stacking:
  combinable: false
controls:
  kill_switch: true
  rollout_percent: 5
YAML

  # Far in the future, so that schedule-expired never fires. Currency,
  # channels, funding and the kill switch come from the template:
  # without the template the campaign fails with unknown-template.
  cat >"$project/$campaign" <<'YAML'
apiVersion: promo/v1
kind: Campaign
id: spring-cashback-2099
name: Spring festival cashback
template: tmpl-merchant-cashback
environment: production
owner: growth-payments@example.com
approval: MKT-2099-0113
schedule:
  start: 2099-01-20T00:00:00+08:00
  end: 2099-02-05T23:59:59+08:00
audience:
  segments: [new-users, dormant-90d]
  regions: [CN-31, CN-44]
benefit:
  type: percent_off
  rate: "10%"
  max_discount: "20.00"
  min_spend: "50.00"
budget:
  total: "1000000.00"
  per_user: "100.00"
  expected_redemptions: 40000
display:
  label: "新春立减 最高20元"
YAML
}

# write_config REPO REV HOOK_ID: the project's .pre-commit-config.yaml (the
# docs/ci.md snippet), a hidden YAML file the hook must not lint.
write_config() {
  cat >"$project/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $1
    rev: $2
    hooks:
      - id: $3
YAML
}

commit() {
  git -C "$project" add -A
  git -C "$project" commit -q --allow-empty -m "$1"
}

# misspell_max_discount / restore_campaign: the fault most tests plant.
misspell_max_discount() {
  sed -i 's/^  max_discount:/  max_discout:/' "$project/$campaign"
  grep -q '^  max_discout:' "$project/$campaign" || fail "could not plant the fault"
}

# expect pass|fail DESCRIPTION RULE... -- PRE-COMMIT ARGS...
# Runs pre-commit in the project (with the PATH in EXPECT_PATH if set); the
# output must show that the hook named HOOK_NAME (default promolint) ran and
# passed, or failed naming every RULE.
expect() {
  local want=$1 what=$2 name_re
  name_re=$(printf '%s' "${HOOK_NAME:-promolint}" | sed 's/[][().*+?^$|\\]/\\&/g')
  shift 2
  local rules=()
  while [ "$1" != "--" ]; do
    rules+=("$1")
    shift
  done
  shift
  local log="$work/run-$passed.log" status=0 t0=$SECONDS
  (cd "$project" && PATH=${EXPECT_PATH:-$PATH} "$pre_commit" "$@") >"$log" 2>&1 </dev/null || status=$?
  if [ "$want" = pass ]; then
    if [ "$status" -ne 0 ] || ! grep -Eq "^$name_re\.+Passed" "$log"; then
      cat "$log" >&2
      fail "$what: expected the hook to pass (pre-commit exited $status)"
    fi
    passed=$((passed + 1))
    say "ok ($((SECONDS - t0))s): $what: the hook passed"
  else
    if [ "$status" -eq 0 ] || ! grep -Eq "^$name_re\.+Failed" "$log"; then
      cat "$log" >&2
      fail "$what: expected the hook to fail (pre-commit exited $status)"
    fi
    local rule
    for rule in "${rules[@]}"; do
      if ! grep -q -- "$rule" "$log"; then
        cat "$log" >&2
        fail "$what: the output does not name $rule"
      fi
    done
    passed=$((passed + 1))
    say "ok ($((SECONDS - t0))s): $what: the hook failed, naming ${rules[*]}:"
    grep -E -m 4 -- "$(IFS='|'; echo "${rules[*]}")" "$log" | sed 's/^/    | /'
  fi
}
