#!/usr/bin/env python3
"""Runs a composite action's steps the way a GitHub runner does, for tests without GitHub.

For each step of action.yml: evaluates ${{ ... }} (inputs with action.yml's defaults,
github.action_path, github.workspace, runner.*, env.*, steps.<id>.outputs.*) in `env:`,
`working-directory:` and `run:`, writes the script to a file and runs it with
`bash --noprofile --norc -eo pipefail {0}` (what `shell: bash` means on a runner), with the
variables a runner sets, a fresh GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_ENV / GITHUB_PATH
file per step (processed after the step like the runner does), and stops at the first failing
step. At the end the action's `outputs:` are evaluated and written as KEY=VALUE lines to
--outputs (what the calling step's outputs would be); every step summary is appended to --summary.
Exits with the failing step's exit code, else 0.

Only what the action uses is emulated; anything else (`if:`, `uses:`, other expressions) is an
error here, so the test notices when action.yml outgrows the emulation.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import uuid

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
NAME = r"[A-Za-z_][A-Za-z0-9_-]*"


class ActionError(Exception):
    pass


def evaluate(text, ctx):
    """Substitutes every ${{ expr }} in text; expr must be a plain context path."""

    def one(match):
        expr = match.group(1)
        m = re.fullmatch(rf"inputs\.({NAME})", expr)
        if m:
            if m.group(1) not in ctx["inputs"]:
                raise ActionError(f"expression '{expr}': no such input in action.yml")
            return ctx["inputs"][m.group(1)]
        m = re.fullmatch(rf"steps\.({NAME})\.outputs\.({NAME})", expr)
        if m:
            return ctx["steps"].get(m.group(1), {}).get(m.group(2), "")
        m = re.fullmatch(rf"env\.({NAME})", expr)
        if m:
            return ctx["env"].get(m.group(1), "")
        simple = {
            "github.action_path": ctx["action_path"],
            "github.workspace": ctx["workspace"],
            "runner.temp": ctx["runner_temp"],
            "runner.os": "Linux",
        }
        if expr in simple:
            return simple[expr]
        raise ActionError(f"expression '{expr}' is not emulated by run-action.py")

    return EXPR.sub(one, text)


def parse_file_command(path):
    """KEY=VALUE and KEY<<DELIM ... DELIM lines (GITHUB_OUTPUT, GITHUB_ENV)."""
    result = {}
    if not os.path.exists(path):
        return result
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        heredoc = re.fullmatch(r"([^=<]+)<<(.+)", line)
        if heredoc and ("=" not in line or line.index("<<") < line.index("=")):
            key, delim = heredoc.group(1), heredoc.group(2)
            value = []
            while i < len(lines) and lines[i] != delim:
                value.append(lines[i])
                i += 1
            if i >= len(lines):
                raise ActionError(f"{path}: no closing delimiter '{delim}' for '{key}'")
            i += 1
            result[key] = "\n".join(value)
        elif "=" in line:
            key, value = line.split("=", 1)
            result[key] = value
        else:
            raise ActionError(f"{path}: invalid line '{line}'")
    return result


def load_action(path):
    with open(path, encoding="utf-8") as f:
        action = yaml.safe_load(f)
    runs = action.get("runs", {})
    if runs.get("using") != "composite":
        raise ActionError(f"{path}: runs.using is not composite")
    return action


def resolve_inputs(action, given):
    declared = action.get("inputs") or {}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise ActionError(f"unexpected input(s) {unknown}; valid: {sorted(declared)}")
    inputs = {}
    for name, spec in declared.items():
        spec = spec or {}
        if name in given:
            inputs[name] = given[name]
            if spec.get("deprecationMessage"):
                print(f"::warning::Input '{name}' has been deprecated with message: "
                      f"{spec['deprecationMessage']}")
        elif spec.get("required") and "default" not in spec:
            raise ActionError(f"input '{name}' is required")
        else:
            inputs[name] = str(spec.get("default", ""))
    return inputs


def base_environment(ctx):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))}
    env.update({
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": ctx["workspace"],
        "GITHUB_ACTION_PATH": ctx["action_path"],
        "GITHUB_ACTION_REPOSITORY": "local/bpfcompat",
        "GITHUB_REPOSITORY": "local/workspace",
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_RUN_ID": "1",
        "GITHUB_JOB": "test",
        "RUNNER_TEMP": ctx["runner_temp"],
        "RUNNER_OS": "Linux",
        "RUNNER_ARCH": "X64",
    })
    return env


def run_step(index, step, ctx, job_summary):
    for key in step:
        if key not in ("name", "id", "shell", "run", "env", "working-directory"):
            raise ActionError(f"step {index}: '{key}' is not emulated by run-action.py")
    if step.get("shell") != "bash" or "run" not in step:
        raise ActionError(f"step {index}: only `run:` steps with `shell: bash` are emulated")
    step_id = step.get("id", f"__step{index}")
    name = step.get("name", step_id)
    files_dir = os.path.join(ctx["runner_temp"], "_runner_file_commands")
    os.makedirs(files_dir, exist_ok=True)
    tag = uuid.uuid4().hex
    files = {kind: os.path.join(files_dir, f"{kind}_{tag}")
             for kind in ("set_output", "step_summary", "set_env", "add_path")}
    for path in files.values():
        open(path, "w").close()
    script = os.path.join(ctx["runner_temp"], f"{tag}.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write(evaluate(step["run"], ctx))

    env = base_environment(ctx)
    env.update(ctx["env"])
    for key, value in (step.get("env") or {}).items():
        env[key] = evaluate(str(value), ctx)
    env.update({
        "GITHUB_ACTION": step_id,
        "GITHUB_OUTPUT": files["set_output"],
        "GITHUB_STEP_SUMMARY": files["step_summary"],
        "GITHUB_ENV": files["set_env"],
        "GITHUB_PATH": files["add_path"],
    })
    if ctx["path"]:
        env["PATH"] = os.pathsep.join(ctx["path"] + [env.get("PATH", "")])
    cwd = evaluate(step.get("working-directory", ctx["workspace"]), ctx)

    print(f"##[group]Run {name}", flush=True)
    print("shell: bash --noprofile --norc -eo pipefail {0}", flush=True)
    print("##[endgroup]", flush=True)
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                          cwd=cwd, env=env, check=False)
    os.unlink(script)

    ctx["steps"][step_id] = parse_file_command(files["set_output"])
    ctx["env"].update(parse_file_command(files["set_env"]))
    with open(files["add_path"], encoding="utf-8") as f:
        ctx["path"] = [p for p in f.read().splitlines() if p] + ctx["path"]
    with open(files["step_summary"], encoding="utf-8") as f:
        summary = f.read()
    if summary and job_summary:
        with open(job_summary, "a", encoding="utf-8") as f:
            f.write(summary)
    if proc.returncode != 0:
        print(f"##[error]Process completed with exit code {proc.returncode}.", flush=True)
    return proc.returncode


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_action = os.path.normpath(os.path.join(here, "..", "..", "action.yml"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--action", default=default_action, help="action.yml to run")
    parser.add_argument("--workspace", required=True, help="GITHUB_WORKSPACE (and the cwd)")
    parser.add_argument("--runner-temp", help="RUNNER_TEMP (default: a fresh temp dir)")
    parser.add_argument("--with", dest="inputs", action="append", default=[],
                        metavar="NAME=VALUE", help="an input, as in a workflow's with:")
    parser.add_argument("--summary", help="the job summary: step summaries are appended here")
    parser.add_argument("--outputs", help="the action's outputs are written here as KEY=VALUE")
    args = parser.parse_args()

    given = {}
    for item in args.inputs:
        if "=" not in item:
            parser.error(f"--with {item}: expected NAME=VALUE")
        key, value = item.split("=", 1)
        given[key] = value

    action_path = os.path.dirname(os.path.abspath(args.action))
    runner_temp = args.runner_temp or tempfile.mkdtemp(prefix="runner-temp-")
    os.makedirs(runner_temp, exist_ok=True)
    try:
        action = load_action(args.action)
        ctx = {
            "inputs": resolve_inputs(action, given),
            "steps": {},
            "env": {},
            "path": [],
            "action_path": action_path,
            "workspace": os.path.abspath(args.workspace),
            "runner_temp": os.path.abspath(runner_temp),
        }
        code = 0
        for index, step in enumerate(action["runs"]["steps"]):
            code = run_step(index, step, ctx, args.summary)
            if code != 0:
                break
        if args.outputs:
            with open(args.outputs, "w", encoding="utf-8") as f:
                for name, spec in (action.get("outputs") or {}).items():
                    value = evaluate(str(spec.get("value", "")), ctx)
                    if "\n" in value:
                        f.write(f"{name}<<EOF_{name}\n{value}\nEOF_{name}\n")
                    else:
                        f.write(f"{name}={value}\n")
    except ActionError as e:
        print(f"run-action.py: {e}", file=sys.stderr)
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
