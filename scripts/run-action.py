#!/usr/bin/env python3
"""Runs the shell steps of the composite action (action.yml) as the GitHub
runner would, for scripts/test-wheel.sh: each `run:` step with
`bash --noprofile --norc -eo pipefail` in the working directory, its `env:`
with the `${{ }}` expressions the action uses (inputs, runner.temp,
github.action_path, steps.ID.outputs.NAME) filled in, GITHUB_OUTPUT and
GITHUB_PATH honoured between steps, stopping at the first step that fails.
A `uses:` step is not run (it is GitHub's): it is printed with its inputs
filled in, for the caller to check. An expression this runner does not know,
or one inside a `run:` script, is an error.

    run-action.py ACTION_YML WORKDIR RUNNER_TEMP INPUT=VALUE... > report.json

Needs PyYAML (pre-commit depends on it). The report: {"steps": [{"name",
"status", "outputs"} or {"name", "uses", "with", "if"}], "outputs": {...}}.
Exits with the exit code of the step that failed, 0 when none did.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def main():
    action_path, workdir, runner_temp, *assignments = sys.argv[1:]
    with open(action_path, encoding="utf-8") as f:
        action = yaml.safe_load(f)
    if action["runs"]["using"] != "composite":
        sys.exit("not a composite action")
    inputs = {name: str(spec.get("default", "")) for name, spec in action.get("inputs", {}).items()}
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        if name not in inputs:
            sys.exit(f"the action has no input {name!r}")
        inputs[name] = value
    step_outputs = {}

    def value_of(expression):
        context = {
            "runner.temp": runner_temp,
            "github.action_path": os.path.dirname(os.path.abspath(action_path)),
        }
        if expression in context:
            return context[expression]
        match = re.fullmatch(r"inputs\.([\w-]+)", expression)
        if match and match.group(1) in inputs:
            return inputs[match.group(1)]
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if match:
            return step_outputs.get(match.group(1), {}).get(match.group(2), "")
        sys.exit(f"run-action.py does not know the expression ${{{{ {expression} }}}}")

    def fill(text):
        return EXPRESSION.sub(lambda m: value_of(m.group(1)), str(text))

    path_dirs = []
    report = {"steps": []}
    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {index}")
        if "uses" in step:
            report["steps"].append(
                {
                    "name": name,
                    "uses": step["uses"],
                    "if": step.get("if", ""),
                    "with": {k: fill(v) for k, v in step.get("with", {}).items()},
                }
            )
            continue
        script = step["run"]
        if EXPRESSION.search(script):
            sys.exit(f"{name}: an expression inside run: (pass it through env:)")
        if step.get("shell") != "bash":
            sys.exit(f"{name}: shell: bash expected")
        if "if" in step:
            sys.exit(f"{name}: run-action.py does not evaluate if: on run steps")
        with tempfile.TemporaryDirectory() as scratch:
            output_file = os.path.join(scratch, "output")
            path_file = os.path.join(scratch, "path")
            script_file = os.path.join(scratch, "step.sh")
            for p in (output_file, path_file):
                open(p, "w").close()
            with open(script_file, "w", encoding="utf-8") as f:
                f.write(script)
            env = dict(os.environ)
            env.update({k: fill(v) for k, v in step.get("env", {}).items()})
            env["GITHUB_OUTPUT"] = output_file
            env["GITHUB_PATH"] = path_file
            env["PATH"] = os.pathsep.join(path_dirs + [os.environ.get("PATH", "")])
            print(f"::group::{name}", file=sys.stderr, flush=True)
            status = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", script_file],
                cwd=workdir,
                env=env,
                stdout=sys.stderr,
            ).returncode
            print("::endgroup::", file=sys.stderr, flush=True)
            outputs = {}
            with open(output_file, encoding="utf-8") as f:
                for line in f.read().splitlines():
                    if "=" in line:
                        key, _, value = line.partition("=")
                        outputs[key] = value
            with open(path_file, encoding="utf-8") as f:
                path_dirs = [line for line in f.read().splitlines() if line] + path_dirs
        if "id" in step:
            step_outputs[step["id"]] = outputs
        report["steps"].append({"name": name, "status": status, "outputs": outputs})
        if status != 0:
            break
    else:
        status = 0
    report["outputs"] = {k: fill(v["value"]) for k, v in action.get("outputs", {}).items()}
    json.dump(report, sys.stdout, indent=2)
    print()
    sys.exit(status)


if __name__ == "__main__":
    main()
