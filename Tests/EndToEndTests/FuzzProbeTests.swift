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

    @Test func aBrokenInvariantIsAFindingNotACrash() {
        var findings = FuzzProbe.Findings()
        findings.check(1 + 1 == 2, "arithmetic")
        findings.check(false, "a record without a line or fields")
        #expect(findings.broken == ["a record without a line or fields"])
    }

    @Test(arguments: inputs)
    func probeHoldsItsInvariants(_ path: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let scratch = TestFiles().folder + "/scratch.csv"
        // The input, then truncations and single-byte changes, as a fuzzer's first mutations would make.
        var variants = [("as is", Array(bytes))]
        for cut in stride(from: 1, to: min(bytes.count, 400), by: 37) {
            variants.append(("cut at \(cut)", Array(bytes.prefix(cut))))
            var flipped = Array(bytes.prefix(400))
            flipped[cut - 1] ^= 0x22
            variants.append(("byte \(cut) flipped", flipped))
        }
        for (name, variant) in variants {
            let broken = FuzzProbe.findings(variant, scratch: scratch)
            #expect(broken.isEmpty, "\(path), \(name): \(broken.joined(separator: "; "))")
        }
    }
}
