import Foundation
import Testing

@testable import pipe

/// `pipe run --shards` hands `--state` to its map steps in their environment, never on their
/// command line, which `ps` shows to every user of the machine.
@Suite("pipe run --shards: the state handed to map steps")
struct HandedStateTests {
    @Test("--state stays off the map steps' command line and reaches them through the environment")
    func handedThroughEnvironment() throws {
        let state = "/tmp/pipe-handed/secret-9f2c.sqlite"
        let arguments = try RunArguments.parse(["daily.yaml", "--state", state, "--date", "2026-11-20"])
        #expect(!arguments.commandLine.contains { $0.contains("secret-9f2c") })
        #expect(arguments.commandLine.contains("2026-11-20"))
        let environment = arguments.childEnvironment(["HOME": "/root"])
        #expect(environment["HOME"] == "/root")
        #expect(RunArguments.handedState(environment) == state)

        // A map step started without --state takes the handed one; without either, none.
        let child = try RunArguments.parse(["daily.yaml"])
        #expect(RunArguments.handedState(child.childEnvironment(environment)) == state)
        #expect(RunArguments.handedState(child.childEnvironment(["HOME": "/root"])) == nil)
        #expect(RunArguments.handedState([RunArguments.handedStateVariable: ""]) == nil)
    }
}
