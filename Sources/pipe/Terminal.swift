import Foundation
import Logging
import PipelineKit
import PipelineRuntime

/// stderr output, with colour only when stderr is a terminal.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    static let useColor = isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func error(_ message: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((message + terminator).utf8))
    }

    /// Text from outside (file names, ids, reasons, errors) made safe to print:
    /// control characters are written out (`\x1B`), so a file name cannot move
    /// the cursor, clear the screen or retitle the window. Apply it before
    /// adding colour.
    static func safe(_ text: String) -> String { ControlCharacters.escaped(text) }

    static func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func red(_ text: String) -> String { useColor ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text }
    static func green(_ text: String) -> String { useColor ? "\u{1B}[32m\(text)\u{1B}[0m" : text }

    /// Colours `error:` and carets in rendered diagnostics.
    static func colorDiagnostics(_ text: String) -> String {
        guard useColor else { return text }
        return text.replacingOccurrences(of: ": error: ", with: ": \(red("error:")) ")
    }
}

/// Log lines go to the terminal too: a stage's error can quote a page or a
/// server's answer, so control characters in messages are written out.
struct EscapingLogHandler: LogHandler {
    var wrapped: StreamLogHandler

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: Terminal.safe(event.message.description))
        wrapped.log(event: event)
    }
}
