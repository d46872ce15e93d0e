import Foundation
import PipelineKit

/// The PostgreSQL server a pipeline's `state: {url: …}` names:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`.
///
/// Parsed here, where the loader validates pipeline files, so a bad URL is an
/// error at its line and column whether or not this build can talk to
/// PostgreSQL. The password usually comes from the environment
/// (`postgres://pipe:${PIPE_DB_PASSWORD}@db:5432/news`), so the text is split
/// at its *last* `@`: a password may hold `@`, `/` or `:` as written. Nothing
/// this type says (``display``, errors) ever contains the password.
public struct PostgresURL: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// Whether to speak TLS, as libpq's `sslmode`: `prefer` (the default) uses
    /// it when the server offers it; `require` refuses a server without it.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public static let defaultPort = 5432

    /// Whether `text` is meant as a PostgreSQL URL (it has the scheme), well formed or not.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses `text`; the error says what is wrong without repeating the text (it may hold a password).
    public init(parsing text: String) throws(OptionError) {
        let shape = "expected postgres://USER@HOST:PORT/DATABASE"
        guard let schemeEnd = text.range(of: "://") else {
            throw OptionError("not a URL: \(shape)")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw OptionError("the scheme `\(scheme.prefix(20))` is not postgres: \(shape) (a SQLite file is `path:`)")
        }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else {
            throw OptionError("the URL names no user: \(shape)")
        }
        let userInfo = rest[..<at]
        var server = rest[rest.index(after: at)...]
        var query: Substring = ""
        if let mark = server.firstIndex(of: "?") {
            query = server[server.index(after: mark)...]
            server = server[..<mark]
        }
        guard let slash = server.firstIndex(of: "/") else {
            throw OptionError("the URL names no database: \(shape)")
        }
        let hostPort = server[..<slash]
        let path = server[server.index(after: slash)...]

        let userText = userInfo.firstIndex(of: ":").map { userInfo[..<$0] } ?? userInfo
        let passwordText = userInfo.firstIndex(of: ":").map { userInfo[userInfo.index(after: $0)...] }
        guard let user = String(userText).removingPercentEncoding, !user.isEmpty else {
            throw OptionError(userText.isEmpty ? "the URL names no user: \(shape)" : "the user name has a bad %-escape")
        }
        var password: String?
        if let passwordText {
            guard let decoded = String(passwordText).removingPercentEncoding else {
                throw OptionError("the password has a bad %-escape (write `%` as %25)")
            }
            password = decoded
        }

        var host = String(hostPort)
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw OptionError("an IPv6 host needs its closing `]`")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw OptionError("unexpected `\(after.prefix(20))` after the host")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            portText = hostPort[hostPort.index(after: colon)...]
        }
        guard !host.isEmpty else { throw OptionError("the URL names no host: \(shape)") }
        var port = Self.defaultPort
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else {
                throw OptionError("the port `\(portText.prefix(20))` is not a number from 1 to 65535")
            }
            port = value
        }
        guard let database = String(path).removingPercentEncoding, !database.isEmpty, !database.contains("/") else {
            throw OptionError(
                path.isEmpty ? "the URL names no database: \(shape)" : "`\(path.prefix(40))` is not a database name")
        }

        var tls = TLSMode.prefer
        for parameter in query.split(separator: "&") where !parameter.isEmpty {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            guard name == "sslmode" else {
                throw OptionError(
                    "unknown parameter `\(name.prefix(30))` in the URL: the one parameter is sslmode=disable|prefer|require"
                )
            }
            guard pair.count == 2, let mode = TLSMode(rawValue: String(pair[1])) else {
                throw OptionError("sslmode must be disable, prefer or require")
            }
            tls = mode
        }
        self.init(user: user, password: password, host: host, port: port, database: database, tls: tls)
    }

    public init(
        user: String, password: String?, host: String, port: Int = defaultPort, database: String,
        tls: TLSMode = .prefer
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// The URL without its password, for messages, plans and reports.
    public var display: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)"
    }
}
