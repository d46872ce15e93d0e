import Foundation
import PipelineKit
import PipelineRuntime

/// What `pipe plan --emit` writes for a batch system: the map steps of a sharded
/// run as one array of N tasks, the reduce step after them, each task a
/// `pipe step` with its rank; the world size is written into every command, never
/// taken from the engine (a resubmitted Slurm array's task count is the
/// resubmission's).
struct JobEmitter {
    /// The pipeline's name, for job names.
    let name: String
    let world: Int
    /// `pipe step` arguments after the role: the file, --world, --work, --date and the run's options.
    let stepArguments: [String]
    /// The folder the commands run in (relative paths in them resolve from here).
    let directory: String
    /// The work folder, for logs and markers.
    let work: URL

    /// Single-quoted for a POSIX shell.
    static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: Slurm

    /// `map.sbatch` (an array), `reduce.sbatch` and `submit.sh`, which submits
    /// the ranks without a completion marker and the reduce with
    /// `--dependency=afterok` on them: run it again after a failure and only the
    /// failed ranks run.
    func slurm(pipe: String) -> [(name: String, text: String)] {
        let command = [pipe].map(Self.quote).joined()
        func script(role: String, array: Bool) -> String {
            var text = "#!/bin/bash\n"
            text += "# Written by `pipe plan --emit slurm`: the \(role) step of a \(world)-shard run of \(name).\n"
            text += "#SBATCH --job-name=pipe-\(role)-\(name)\n"
            if array { text += "#SBATCH --array=0-\(world - 1)\n" }
            // sbatch reads these lines itself: a value with a space goes in double quotes.
            func value(_ text: String) -> String { text.contains(" ") ? "\"\(text)\"" : text }
            text += "#SBATCH --output=" + value("\(work.path)/slurm-\(role)\(array ? "-%a" : "").log") + "\n"
            text += "#SBATCH --chdir=" + value(directory) + "\n"
            text += "set -euo pipefail\n"
            let rank = array ? " --rank \"$SLURM_ARRAY_TASK_ID\"" : ""
            text +=
                "exec \(command) step \(role) " + stepArguments.map(Self.quote).joined(separator: " ") + rank
                + " --quiet\n"
            return text
        }
        let markers = (0..<world).map { ShardWork(world: world, folder: work).marker($0).path }
        var submit = "#!/bin/bash\n"
        submit +=
            "# Submits the \(world)-shard run of \(name): the map ranks without a completion marker as one array,\n"
        submit += "# then the reduce once they all succeeded. Run it again after a failure: done ranks are not rerun.\n"
        submit += "set -euo pipefail\ncd \"$(dirname \"$0\")\"\n"
        submit += "markers=(" + markers.map(Self.quote).joined(separator: " ") + ")\n"
        submit +=
            "missing=()\nfor rank in \"${!markers[@]}\"; do [ -f \"${markers[$rank]}\" ] || missing+=(\"$rank\"); done\n"
        submit += "dependency=()\n"
        submit += "if [ ${#missing[@]} -gt 0 ]; then\n"
        submit += "    ranks=$(IFS=,; echo \"${missing[*]}\")\n"
        submit += "    map=$(sbatch --parsable --array=\"$ranks\" map.sbatch)\n"
        submit += "    dependency=(--dependency=afterok:\"${map%%;*}\")\n"
        submit += "    echo \"map: job $map, ranks $ranks\"\n"
        submit += "fi\n"
        submit += "reduce=$(sbatch --parsable \"${dependency[@]}\" reduce.sbatch)\n"
        submit += "echo \"reduce: job $reduce\"\n"
        return [
            ("map.sbatch", script(role: "map", array: true)), ("reduce.sbatch", script(role: "reduce", array: false)),
            ("submit.sh", submit),
        ]
    }

    // MARK: Kubernetes

    /// `map-job.yaml` (an Indexed Job: `JOB_COMPLETION_INDEX` is the rank),
    /// `reduce-job.yaml`, and `workflow.yaml`, an Argo Workflow that creates the
    /// first and, once every index succeeded, the second. `directory` (inputs,
    /// pipeline file, outputs, work folder) is a shared volume mounted at the
    /// same path in every pod.
    func kubernetes(image: String, claim: String) -> [(name: String, text: String)] {
        func job(role: String, indexed: Bool) -> String {
            let command = ["pipe", "step", role] + stepArguments + ["--quiet"]
            var text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pipe-\(role)-\(Self.dnsName(name))\n"
            text += "  labels:\n    app.kubernetes.io/name: pipe\n    pipe/step: \(role)\nspec:\n"
            if indexed {
                text += "  completionMode: Indexed\n  completions: \(world)\n  parallelism: \(world)\n"
                text += "  backoffLimitPerIndex: 2\n  maxFailedIndexes: \(world)\n"
            } else {
                text += "  completions: 1\n  backoffLimit: 2\n"
            }
            text += "  template:\n    spec:\n      restartPolicy: Never\n      containers:\n"
            text += "        - name: pipe\n          image: \(Self.yamlString(image))\n"
            text += "          workingDir: \(Self.yamlString(directory))\n"
            text += "          command:\n" + command.map { "            - \(Self.yamlString($0))\n" }.joined()
            if indexed {
                text += "          # The rank: Kubernetes sets JOB_COMPLETION_INDEX in every pod of an Indexed Job.\n"
            }
            text +=
                "          volumeMounts:\n            - name: data\n              mountPath: \(Self.yamlString(directory))\n"
            text +=
                "      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: \(Self.yamlString(claim))\n"
            return text
        }
        let map = job(role: "map", indexed: true), reduce = job(role: "reduce", indexed: false)
        func indented(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "          " + $0 }
                .joined(separator: "\n")
        }
        var workflow =
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: pipe-\(Self.dnsName(name))-\n"
        workflow += "spec:\n  entrypoint: run\n  templates:\n"
        workflow += "    - name: run\n      steps:\n        - - name: map\n            template: map\n"
        workflow += "        - - name: reduce\n            template: reduce\n"
        workflow += "    - name: map\n      resource:\n        action: create\n"
        workflow +=
            "        successCondition: status.succeeded == \(world)\n        failureCondition: status.failed > 0\n"
        workflow += "        manifest: |\n" + indented(map)
        workflow += "    - name: reduce\n      resource:\n        action: create\n"
        workflow += "        successCondition: status.succeeded == 1\n        failureCondition: status.failed > 0\n"
        workflow += "        manifest: |\n" + indented(reduce)
        return [("map-job.yaml", map), ("reduce-job.yaml", reduce), ("workflow.yaml", workflow)]
    }

    /// A YAML double-quoted scalar.
    static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\x%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A lower-case DNS label for Kubernetes names.
    static func dnsName(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let trimmed = String(mapped).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "run" : String(trimmed.prefix(40))
    }
}
