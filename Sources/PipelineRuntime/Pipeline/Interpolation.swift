import PipelineKit
/// `${VAR}` and `${VAR:-default}` in pipeline values; `$$` is a literal `$`.
public enum Interpolation {
    /// A problem in a value, at `offset` scalars from its start.
    public struct Problem: Error, Equatable {
        public var offset: Int
        public var message: String
        public var help: String?
    }

    /// Substitutes variables in `text`. Problems are reported with the
    /// offset (in scalars) of the `$` that starts them.
    public static func expand(_ text: String, environment: [String: String]) -> Result<String, Problem> {
        guard text.contains("$") else { return .success(text) }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "$", index + 1 < scalars.count else {
                out.append(scalar)
                index += 1
                continue
            }
            if scalars[index + 1] == "$" {
                out.append("$")
                index += 2
                continue
            }
            guard scalars[index + 1] == "{" else {
                out.append(scalar)
                index += 1
                continue
            }
            guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                return .failure(
                    Problem(
                        offset: index, message: "unterminated `${` in value",
                        help: "close it with `}`, or write `$$` for a literal `$`"))
            }
            let body = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
            let name: String
            let fallback: String?
            if let range = body.range(of: ":-") {
                name = String(body[..<range.lowerBound])
                fallback = String(body[range.upperBound...])
            } else {
                name = body
                fallback = nil
            }
            guard isValidName(name) else {
                return .failure(
                    Problem(
                        offset: index, message: "`${\(body)}` is not a variable reference",
                        help: "names are letters, digits and _"))
            }
            if let value = environment[name], !(value.isEmpty && fallback != nil) {
                out.append(contentsOf: value.unicodeScalars)
            } else if let fallback {
                out.append(contentsOf: fallback.unicodeScalars)
            } else {
                return .failure(
                    Problem(
                        offset: index, message: "environment variable `\(name)` is not set",
                        help: "set it, or give a default: `${\(name):-value}`"))
            }
            index = close + 1
        }
        return .success(String(out))
    }

    private static func isValidName(_ name: String) -> Bool {
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
                || ("0"..."9").contains(scalar)
        }
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy(isWordScalar)
    }
}
