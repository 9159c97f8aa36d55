import Foundation
import Testing
import ViewpointsTestSupport

/// Runs the fuzzer's entry point (`FuzzProbe`, built into a libFuzzer target by `Scripts/fuzz`) over the hostile
/// corpus and the samples, so the harness keeps compiling and its invariants keep holding on known inputs.
@Suite struct FuzzProbeTests {
    static var inputs: [String] {
        let hostile = Repository.path("Tests/Hostile")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: hostile)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted().map { hostile + "/" + $0 }
            + ["participants", "codebook", "codings", "adjudications"].map {
                Repository.path("Samples/ipr-2018/\($0).csv")
            }
    }

    @Test func theCorpusIsThere() {
        #expect(FuzzProbeTests.inputs.count > 40)
    }

    @Test(arguments: inputs)
    func probeHoldsItsInvariants(_ path: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let files = TestFiles()
        FuzzProbe.run(Array(bytes), scratch: files.folder + "/scratch.csv")
        // Truncations and single-byte changes, as a fuzzer's first mutations would make.
        for cut in stride(from: 1, to: min(bytes.count, 400), by: 37) {
            FuzzProbe.run(Array(bytes.prefix(cut)), scratch: files.folder + "/scratch.csv")
            var flipped = Array(bytes.prefix(400))
            flipped[cut - 1] ^= 0x22
            FuzzProbe.run(flipped, scratch: files.folder + "/scratch.csv")
        }
    }
}
