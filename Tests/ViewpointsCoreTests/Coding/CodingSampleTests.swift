import Testing
import ViewpointsCore

@Suite struct CodingSampleTests {
    @Test(arguments: [
        ("25%", 599, 150), ("25%", 600, 150), ("25%", 4, 1), ("12.5%", 8, 1), ("12.5%", 9, 2), ("100%", 7, 7),
        ("0%", 7, 0), ("150", 599, 150), ("150", 20, 20), ("33.3%", 1000, 333),
    ])
    func takesTheCeilingOfTheShareOrTheCount(_ text: String, _ total: Int, _ expected: Int) throws {
        let size = try #require(SampleSize(text))
        #expect(size.count(of: total) == expected)
        #expect(size.description == text)
    }

    @Test(arguments: ["", "%", "101%", "-5", "1e3", "2.%", ".5%", "25 %x", "abc"])
    func refusesBadSizes(_ text: String) {
        #expect(SampleSize(text) == nil)
    }

    @Test func ordersByTheDigestOfSeedAndReference() {
        let references = (1...40).map { "S\($0)" }
        let sample = CodingSample.select(references: references, seed: "ipr-2018", size: .count(10))
        let expected = references.map { (Hashing.hex(Hashing.sha256("ipr-2018:" + $0)), $0) }.sorted { $0.0 < $1.0 }
            .prefix(10).map(\.1)
        #expect(sample == expected)
        // stable when statements are added: the old sample members keep their order
        let grown = CodingSample.select(references: references + ["S41", "S42"], seed: "ipr-2018", size: .count(42))
        #expect(grown.filter { sample.contains($0) } == sample)
        // another seed, another sample
        #expect(CodingSample.select(references: references, seed: "other", size: .count(10)) != sample)
    }

    @Test func knownDigestOfTheSampleSeed() {
        // sha256("ipr-2018:S0001"), computed independently with coreutils' sha256sum
        #expect(
            CodingSample.key(seed: "ipr-2018", reference: "S0001")
                == "2ae029133da42e1169e126fa3b55ea83fe8612f5aff9db0fdff4411b9cd12e73")
    }
}
