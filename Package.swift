// swift-tools-version: 6.1
// The package layout is fixed by DESIGN.md: the framework and shared code under
// Sources/, one target per stage under Plugins/, one test target per module.

import PackageDescription

/// The built-in stages: the one place a stage is registered. Each is a folder
/// under Plugins/ holding one target of the same name whose stage type is
/// `<Name>Stage`; the RegisterStages plugin turns this list into `pipe`'s
/// registry, and `pipe new-stage` appends to it.
let stagePlugins = [
    "Clean",
    "Extract",
    "Cluster",
    "Summarize",
    "Export",
    "Filter",
]

/// What each stage target depends on, beyond PipelineKit.
let stageDependencies: [String: [Target.Dependency]] = [
    "Clean": ["TextKit", "HTML"],
    "Extract": ["TextKit"],
    "Cluster": ["TextKit", "PipeSupport"],
    "Summarize": ["TextKit", "PipeSupport"],
    "Export": [
        "TextKit", "PipeSupport", .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "GRDB", package: "GRDB.swift"),
    ],
]

/// Stages whose word lists and tables live as files in a `Data/` folder, embedded by the EmbedData plugin.
let stagesWithData: Set<String> = ["Extract", "Export"]

/// What each stage's test target depends on, beyond the stage, PipelineKit and PipelineTesting.
let stageTestDependencies: [String: [Target.Dependency]] = [
    "Export": ["CLibXML2", .product(name: "GRDB", package: "GRDB.swift")]
]

let package = Package(
    name: "pipe",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pipe", targets: ["pipe"]),
        .library(name: "PipelineKit", targets: ["PipelineKit"]),
        .library(name: "PipelineRuntime", targets: ["PipelineRuntime"]),
        .library(name: "TextKit", targets: ["TextKit"]),
        .library(name: "PipeSupport", targets: ["PipeSupport"]),
        // StageHarness: one stage run on hand-made documents, for the tests of stages in other packages.
        .library(name: "PipelineTesting", targets: ["PipelineTesting"]),
        // libxml2's HTML parser behind a small DOM (Tests/fuzz compares parses with and without attributes).
        .library(name: "HTML", targets: ["HTML"]),
        // The built-in stages, for packages that load pipelines as `pipe` does (Tests/fuzz).
        .library(name: "PipeStages", targets: stagePlugins),
    ],
    traits: [
        // Off by default: postgres-nio (with SwiftNIO, swift-nio-ssl and swift-crypto) adds minutes to a first
        // build that most users, with the embedded SQLite store, never need. `swift build --traits Postgres`.
        .trait(
            name: "Postgres", description: "The PostgreSQL state store, `state: {url: postgres://…}` (docs/state.md).")
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // The bottom: stable hashing, one parallel map, one locked value. Depends on nothing.
        .target(name: "PipeSupport"),
        // What a stage author uses: the stage protocols, documents and stories, options, the context.
        .target(
            name: "PipelineKit",
            dependencies: [
                "PipeSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // What runs pipelines: loading and validating, the plan and its executor, input, state, `pipe test`.
        .target(
            name: "PipelineRuntime",
            dependencies: [
                "PipelineKit",
                "PipeSupport",
                "CZlib",
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "TextKit", dependencies: ["PipeSupport"]),
        .target(
            name: "PipelineState",
            dependencies: [
                "PipelineKit", "PipelineRuntime", "PipeSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
            ]),
        .target(name: "HTML", dependencies: ["CLibXML2"]),
        // Feeds, sitemaps and pages from the web, fetched politely and kept as WARC for replay.
        .target(name: "Fetch", dependencies: ["PipelineKit", "PipelineRuntime"]),
        .executableTarget(
            name: "pipe",
            dependencies: [
                "PipelineKit",
                "PipelineRuntime",
                "PipelineState",
                "Fetch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ] + stagePlugins.map { .target(name: $0) },
            plugins: ["RegisterStages"]),
        // Generates the `pipe` executable's list of stages from `stagePlugins` (a build-tool plugin; it lives
        // under Sources/ so that Plugins/ keeps meaning "stages").
        .plugin(name: "RegisterStages", capability: .buildTool(), path: "Sources/BuildPlugins/RegisterStages"),
        // A stage's Data/ files (word lists, tables) as Swift constants, each checked for repeated entries.
        .plugin(name: "EmbedData", capability: .buildTool(), path: "Sources/BuildPlugins/EmbedData"),
        .target(
            name: "PipelineTesting", dependencies: ["PipelineKit", "PipelineRuntime"], path: "Tests/PipelineTesting"),
        .testTarget(
            name: "PipelineKitTests",
            dependencies: ["PipelineKit", "PipelineRuntime", "PipelineTesting", "PipeSupport"]),
        .testTarget(name: "TextKitTests", dependencies: ["TextKit", "PipeSupport"]),
        .testTarget(name: "PipeSupportTests", dependencies: ["PipeSupport"]),
        .testTarget(name: "PipelineStateTests", dependencies: ["PipelineState", "PipelineKit", "PipelineRuntime"]),
        .testTarget(name: "HTMLTests", dependencies: ["HTML", "CLibXML2"]),
        .testTarget(name: "FetchTests", dependencies: ["Fetch", "PipelineKit", "PipelineRuntime"]),
        .testTarget(name: "pipeTests", dependencies: ["pipe", "PipelineKit", "PipelineRuntime"]),
    ]
        + stagePlugins.map { name in
            .target(
                name: name, dependencies: ["PipelineKit"] + (stageDependencies[name] ?? []),
                path: "Plugins/\(name)", exclude: stagesWithData.contains(name) ? ["Data"] : [],
                plugins: stagesWithData.contains(name) ? ["EmbedData"] : [])
        }
        + stagePlugins.map { name in
            .testTarget(
                name: "\(name)Tests",
                dependencies: [.target(name: name), "PipelineKit", "PipelineRuntime", "PipelineTesting"]
                    + (stageTestDependencies[name] ?? []))
        },
    swiftLanguageModes: [.v6]
)
