import Foundation
import Testing

@testable import pipe

/// The progress line's figures: a few long items (crawl files) move it as they are read.
@Suite("the progress line")
struct TerminalProgressTests {
    @Test("a file under way counts by how far it is read in the percentage, rate and ETA")
    func partlyReadFile() {
        // One crawl file, 40% read after 20 s: 30 s to go; the rate (0.02 files a second) is left out.
        let line = TerminalProgress.line(stage: "read → clean", done: 0, total: 1, partly: 0.4, elapsed: 20)
        #expect(line == "read → clean  0/1 (40%)  ETA 30s")
    }

    @Test("whole items alone: the count, the rate and the time left")
    func wholeItems() {
        #expect(
            TerminalProgress.line(stage: "clean", done: 120, total: 400, partly: 0, elapsed: 10)
                == "clean  120/400 (30%)  12/s  ETA 23s")
        // Slow items keep a decimal; the ETA turns to minutes past one.
        #expect(
            TerminalProgress.line(stage: "read", done: 3, total: 40, partly: 0.5, elapsed: 7)
                == "read  3/40 (8%)  0.5/s  ETA 1m13s")
    }

    @Test("what is under way never shows more than the whole")
    func neverPastTheEnd() {
        let line = TerminalProgress.line(stage: "read", done: 2, total: 3, partly: 1.7, elapsed: 6)
        #expect(line == "read  2/3 (100%)  0.5/s  ETA 0s")
    }
}
