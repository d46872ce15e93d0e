#!/usr/bin/env python3
"""Runs an Argo Workflow written by `pipe plan --emit kubernetes` on this
machine, as near as a machine without Kubernetes can: reads workflow.yaml,
takes its steps in order, and for each step's Job manifest runs the
container's command in its workingDir once per completion index, with
JOB_COMPLETION_INDEX set for an Indexed Job, as Kubernetes would; the
indexes of one step run at once, up to `parallelism`. Checks what a cluster
would refuse: kinds, apiVersions, restartPolicy, a volume mounted at the
working folder. `pipe` in a command is replaced by PIPE (the binary under
test). Exits non-zero if a manifest is malformed or a task fails.

usage: run_workflow_locally.py WORKFLOW_YAML PIPE
"""
import os
import subprocess
import sys

import yaml

workflow_path, pipe = sys.argv[1], sys.argv[2]
workflow = yaml.safe_load(open(workflow_path))

def need(condition, message):
    if not condition:
        sys.exit(f"{workflow_path}: {message}")

need(workflow.get("apiVersion") == "argoproj.io/v1alpha1" and workflow.get("kind") == "Workflow", "not an Argo Workflow")
templates = {t["name"]: t for t in workflow["spec"]["templates"]}
entry = templates[workflow["spec"]["entrypoint"]]
for group in entry["steps"]:
    for step in group:
        template = templates[step["template"]]
        resource = template["resource"]
        need(resource["action"] == "create", f"{step['name']}: action is not create")
        job = yaml.safe_load(resource["manifest"])
        need(job["apiVersion"] == "batch/v1" and job["kind"] == "Job", f"{step['name']}: not a batch/v1 Job")
        spec = job["spec"]
        pod = spec["template"]["spec"]
        need(pod["restartPolicy"] in ("Never", "OnFailure"), f"{step['name']}: a Job's pods need restartPolicy Never or OnFailure")
        container = pod["containers"][0]
        mounts = {m["mountPath"] for m in container.get("volumeMounts", [])}
        need(container["workingDir"] in mounts, f"{step['name']}: the working folder is not a mounted volume")
        volumes = {v["name"] for v in pod.get("volumes", [])}
        need(all(m["name"] in volumes for m in container["volumeMounts"]), f"{step['name']}: a mount names no volume")
        indexed = spec.get("completionMode") == "Indexed"
        completions = spec.get("completions", 1)
        parallelism = spec.get("parallelism", 1)
        want = resource["successCondition"]
        need(want == f"status.succeeded == {completions}", f"{step['name']}: success condition {want!r} does not wait for every completion")
        command = [pipe if word == "pipe" else word for word in container["command"]]
        pending = list(range(completions))
        failed = []
        while pending:
            running = []
            for index in pending[:parallelism]:
                env = dict(os.environ)
                if indexed:
                    env["JOB_COMPLETION_INDEX"] = str(index)
                running.append((index, subprocess.Popen(command, cwd=container["workingDir"], env=env)))
            pending = pending[parallelism:]
            for index, process in running:
                if process.wait() != 0 and process.returncode != 3:
                    failed.append((index, process.returncode))
        need(not failed, f"{step['name']}: indexes failed: {failed}")
        print(f"{step['name']}: {completions} completion(s) ok")
