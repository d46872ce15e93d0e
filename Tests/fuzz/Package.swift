// swift-tools-version: 6.1
// libFuzzer targets for `pipe`, in a package of their own so the main package's
// build and `swift test` never see -sanitize=fuzzer. Build and run with ./run.sh.

import PackageDescription

/// Each target defines LLVMFuzzerTestOneInput; libFuzzer provides `main`.
let fuzzerFlags: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "pipe-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "pipe", path: "../..")],
    targets: [
        .executableTarget(
            name: "fuzz-pipeline",
            dependencies: [
                .product(name: "PipelineKit", package: "pipe"), .product(name: "PipeStages", package: "pipe"),
            ],
            swiftSettings: fuzzerFlags),
        .executableTarget(
            name: "fuzz-clean",
            dependencies: [
                .product(name: "PipelineKit", package: "pipe"), .product(name: "PipeStages", package: "pipe"),
                .product(name: "HTML", package: "pipe"),
            ],
            swiftSettings: fuzzerFlags),
    ],
    swiftLanguageModes: [.v6]
)
