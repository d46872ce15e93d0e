import Foundation
import Testing

/// `pipe new-stage`'s refusals. That a scaffold builds, is listed by `pipe stages` and passes
/// its own tests needs a whole copy of the package built: Tests/scripts/new-stage.sh checks
/// it, run by .ci/run, so that `swift test` stays quick.
@Suite("pipe new-stage")
struct NewStageTests {
    @Test("bad names are refused before anything is written")
    func badNames() throws {
        for name in ["Word", "1word", "word_gate", "clean"] {
            let result = try CLI.run(["new-stage", name, "--package-path", "/nonexistent"])
            #expect(result.status == 2, "\(name): \(result.stderr)")
        }
    }
}
