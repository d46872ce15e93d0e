import Foundation
import PipelineKit

/// What a run did, stage by stage; written as JSON next to the outputs and
/// printed as a table at the end of `pipe run`.
public struct RunReport: Sendable {
    /// Counts and time for one stage entry.
    public struct StageStats: Sendable {
        public var name: String
        public var shape: String
        public var input = 0
        public var output = 0
        public var dropped = 0
        public var failed = 0
        /// Time spent in the stage: summed over threads for document stages.
        public var seconds = 0.0
        /// The error that stopped a batch stage, if any.
        public var error: String?

        public init(name: String, shape: String) {
            self.name = name
            self.shape = shape
        }

        var json: JSONValue {
            [
                "stage": .string(name), "shape": .string(shape), "in": .int(input), "out": .int(output),
                "dropped": .int(dropped), "failed": .int(failed), "seconds": .double((seconds * 1000).rounded() / 1000),
                "error": .string(error),
            ]
        }
    }

    public var pipeline: String
    public var date: String
    public var input: String
    public var files = 0
    public var bytes = 0
    public var documentsRead = 0
    /// Documents an earlier day processed unchanged (runs with a state store).
    public var skippedSeen = 0
    /// Documents taken from this date's checkpoints instead of processed again.
    public var resumed = 0
    public var skippedFiles: [String: Int] = [:]
    /// What WARC files' records became; nil (and absent from the report) when no WARC file was read.
    public var warc: WARCCounts?
    public var stages: [StageStats] = []
    public var rejects: [Reject] = []
    /// Files written by stages during the run.
    public var outputs: [String] = []
    /// Reading time, estimated as wall time minus the stages run while reading (spread over the threads).
    public var readSeconds = 0.0
    /// The process's peak resident memory when the stages finished.
    public var peakMemoryBytes = 0
    public var totalSeconds = 0.0
    /// True when Ctrl-C, SIGTERM or SIGHUP stopped the run; only `outputs` (files updated in place) were written then.
    public var interrupted = false
    /// The exit status an interrupted run ends with: 128 + the signal's number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
    public var interruptStatus: Int32 = 130
    /// True when the input held no document: nothing ran and nothing was written.
    public var noDocuments = false
    /// Stories and documents at the end.
    public var stories = 0
    public var documents = 0

    public init(pipeline: String, date: String, input: String) {
        self.pipeline = pipeline
        self.date = date
        self.input = input
    }

    public var failedStages: [StageStats] { stages.filter { $0.error != nil } }

    /// The process exit status this run deserves: 130/143/129 interrupted, 4 no
    /// document read, 1 a stage failed as a whole, 3 finished with rejects, 0 clean.
    public var exitStatus: Int32 {
        if interrupted { return interruptStatus }
        if noDocuments { return 4 }
        if !failedStages.isEmpty { return 1 }
        if !rejects.isEmpty { return 3 }
        return 0
    }

    public var json: JSONValue {
        var byKind: [String: JSONValue] = [:]
        for kind in [Reject.Kind.unreadable, .dropped, .failed] {
            byKind[kind.rawValue] = .int(rejects.filter { $0.kind == kind }.count)
        }
        let json: JSONValue = [
            "pipeline": .string(pipeline), "date": .string(date), "input": .string(input),
            "files": .int(files), "bytes": .int(bytes), "documents_read": .int(documentsRead),
            "skipped_seen": .int(skippedSeen), "resumed": .int(resumed),
            "documents_out": .int(documents), "stories": .int(stories),
            "skipped_files": .object(sorting: skippedFiles.mapValues { .int($0) }),
            "rejects": .object(sorting: byKind),
            "stages": .array(stages.map(\.json)), "outputs": .array(outputs.map { .string($0) }),
            "read_seconds": .double((readSeconds * 1000).rounded() / 1000),
            "peak_rss_mb": .double((Double(peakMemoryBytes) / 1_048_576 * 10).rounded() / 10),
            "total_seconds": .double((totalSeconds * 1000).rounded() / 1000),
            "interrupted": .bool(interrupted), "exit_status": .int(Int(exitStatus)),
        ]
        guard let warc, case .object(var fields) = json else { return json }
        let place = (fields.firstIndex { $0.0 == "skipped_files" } ?? fields.count - 1) + 1
        fields.insert(("warc", warc.json), at: place)
        return .object(fields)
    }

    /// The end-of-run table.
    public var table: String {
        var rows = [["stage", "in", "out", "dropped", "failed", "time"]]
        rows.append([
            "read", String(files) + " files", String(documentsRead), "-",
            String(rejects.filter { $0.stage == "read" }.count), Self.seconds(readSeconds),
        ])
        for stage in stages {
            rows.append([
                stage.name, String(stage.input), String(stage.output), String(stage.dropped),
                stage.error == nil ? String(stage.failed) : "stage", Self.seconds(stage.seconds),
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var out = ""
        for (number, row) in rows.enumerated() {
            let cells = row.enumerated().map { index, cell in
                index == 0
                    ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }
            out += "  " + cells.joined(separator: "  ") + "\n"
            if number == 0 {
                out += "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
            }
        }
        return out
    }

    /// Peak resident set size of this process (getrusage; kilobytes on Linux, bytes on macOS).
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Int(usage.ru_maxrss) * 1024
        #else
            getrusage(RUSAGE_SELF, &usage)
            return Int(usage.ru_maxrss)
        #endif
    }

    static func seconds(_ value: Double) -> String {
        value < 1 ? String(format: "%.0f ms", value * 1000) : String(format: "%.2f s", value)
    }
}
