import Foundation
import PipelineKit
import PipelineRuntime
import Testing

/// Forms no stories; says stories stay reachable `reach` days, as cluster does.
private struct Reaches: BatchStage {
    static let name = "reaches"
    static let abstract = "Declares how long stories stay reachable."
    static let contract = StageContract(requires: [.text], produces: [.story])

    struct Options: StageOptions, StoryReach {
        var reach = 40
        init() {}
        static let declarations: [OptionDeclaration<Options>] = [.init("reach", \.reach, range: 1...365, help: "Days.")]
        var storyReachDays: Int { reach }
    }

    init(options: Options, context: StageSetup) {}
    func process(_ batch: inout Batch, context: StageContext) async throws {}
}

/// A state store keeps stories open as long as the pipeline's stages can still join an article to them.
@Suite("state window from the stages")
struct StoryReachTests {
    func state(_ yaml: String) throws -> StateOptions? {
        let loader = PipelineLoader(registry: StageRegistry([Upcase.self, Reaches.self]), checkInputExists: false)
        return try loader.load(source: yaml, file: URL(fileURLWithPath: "/tmp/reach.yaml")).state
    }

    @Test("without its own window_days the state keeps stories open as long as the longest reach of a stage")
    func derived() throws {
        #expect(try state("input: inbox\nstate: s.sqlite\nstages: [upcase, reaches]\n")?.windowDays == 40)
        #expect(
            try state(
                "input: inbox\nstate: {path: s.sqlite}\nstages: [upcase, {reaches: {reach: 9}}, {reaches: {reach: 70}}]\n"
            )?
            .windowDays == 70)
    }

    @Test("a window_days the state sets is kept; without a stage that reaches back, the default stays")
    func explicitOrDefault() throws {
        #expect(
            try state("input: inbox\nstate: {path: s.sqlite, window_days: 5}\nstages: [upcase, reaches]\n")?.windowDays
                == 5)
        #expect(try state("input: inbox\nstate: s.sqlite\nstages: [upcase]\n")?.windowDays == StateOptions().windowDays)
        #expect(try state("input: inbox\nstages: [upcase, reaches]\n") == nil)
    }
}
