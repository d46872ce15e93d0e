import PipelineKit
/// The JSON Schema (draft 2020-12) of pipeline files, built from the
/// registered stages' option declarations.
public enum PipelineSchema {
    public static func schema(for registry: StageRegistry) -> JSONValue {
        let stageNames = JSONValue.array(registry.names.map { .string($0) })
        let entries: [JSONValue] =
            [["type": "string", "enum": stageNames, "description": "A stage with default options."]]
            + registry.stages.map { stage in
                .object([
                    ("type", "object"),
                    ("description", .string(stage.abstract)),
                    (
                        "properties",
                        .object([
                            (
                                stage.name,
                                .object([
                                    ("description", .string(stage.abstract)),
                                    ("anyOf", [stage.optionsSchema, ["type": "null"]]),
                                ])
                            )
                        ])
                    ),
                    ("required", [.string(stage.name)]),
                    ("additionalProperties", false),
                ])
            }
        // `input` needs a `path` or something to fetch, as the loader says.
        var input = InputOptions.schema
        if case var .object(pairs) = input {
            pairs.append(("anyOf", .array(["path", "feeds", "sitemaps", "urls"].map { ["required": [.string($0)]] })))
            input = .object(pairs)
        }
        var state = StateOptions.schema
        if case var .object(pairs) = state {
            // A SQLite `path` or a PostgreSQL `url`, never both.
            pairs.append(("anyOf", [["required": ["path"]], ["required": ["url"]]]))
            pairs.append(("not", ["required": ["path", "url"]]))
            state = .object(pairs)
        }
        return .object([
            ("$schema", "https://json-schema.org/draft/2020-12/schema"),
            ("$id", "https://pipe.dev/schema/pipeline.json"),
            ("title", "pipe pipeline"),
            ("description", "A pipe pipeline file: where documents come from and the stages they pass through."),
            ("type", "object"),
            (
                "properties",
                .object([
                    (
                        "name",
                        [
                            "type": "string", "pattern": "^[A-Za-z0-9._-]+$",
                            "description": "Used in output names through {name}; defaults to the file name.",
                        ]
                    ),
                    ("description", ["type": "string"]),
                    (
                        "input",
                        [
                            "description": "Where documents come from: a path, or options.",
                            "anyOf": [["type": "string"], input],
                        ]
                    ),
                    (
                        "output",
                        [
                            "type": "string", "default": "out",
                            "description": "Folder for the run report and rejects file, relative to this file.",
                        ]
                    ),
                    (
                        "state",
                        [
                            "description":
                                "Where runs remember what they did: a SQLite path or PostgreSQL URL, or options.",
                            "anyOf": [["type": "string"], state],
                        ]
                    ),
                    (
                        "stages",
                        [
                            "type": "array", "minItems": 1,
                            "description": "The stages, in order; a stage may appear more than once.",
                            "items": ["oneOf": .array(entries)],
                        ]
                    ),
                ])
            ),
            ("required", ["input", "stages"]),
            ("additionalProperties", false),
        ])
    }
}

extension Stage {
    /// The JSON Schema of this stage's options.
    public static var optionsSchema: JSONValue { Options.schema }
    /// This stage's option declarations, type-erased for help.
    public static var optionHelp:
        [(name: String, type: String, defaultValue: JSONValue, help: String, implemented: Bool)]
    {
        Options.declarations.map { ($0.name, $0.typeName, $0.defaultValue, $0.help, $0.implemented) }
    }
}
