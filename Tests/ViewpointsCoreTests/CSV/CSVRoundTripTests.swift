import Testing

@testable import ViewpointsCore

@Suite struct CSVRoundTripTests {
    static let pieces = [
        "", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "a", "word", "Ä", "ق", "😀", "e\u{301}", "\u{FEFF}",
        "'", "=", "\t", "x y", ",,", "123",
    ]

    static func randomRows(seed: UInt64) -> [[String]] {
        var generator = CSVSplitMix64(seed: seed)
        var rows: [[String]] = []
        for _ in 0..<300 {
            let fieldCount = Int.random(in: 1...6, using: &generator)
            var row: [String] = []
            for _ in 0..<fieldCount {
                var field = ""
                for _ in 0..<Int.random(in: 0...5, using: &generator) {
                    field += pieces.randomElement(using: &generator)!
                }
                row.append(field)
            }
            rows.append(row)
        }
        return rows
    }

    @Test(arguments: [UInt64(1), 2, 3, 42, 4_711], [CSVLineEnding.lf, .crlf])
    func roundTripsRandomFields(seed: UInt64, lineEnding: CSVLineEnding) throws {
        let rows = Self.randomRows(seed: seed)
        for bom in [false, true] {
            var writer = CSVWriter(lineEnding: lineEnding, bom: bom)
            for row in rows { try writer.write(row) }
            try writer.finish()
            for chunkSize in [1, 3, 7, 1 << 20] {
                let read = try CSVTestSupport.records(writer.bytes, chunkSize: chunkSize).map(\.fields)
                #expect(
                    read.map { $0.map { Array($0.utf8) } } == rows.map { $0.map { Array($0.utf8) } },
                    "seed \(seed), bom \(bom), chunk \(chunkSize)")
            }
        }
    }

    @Test func encodeMatchesWriter() throws {
        let rows = Self.randomRows(seed: 7)
        var writer = CSVWriter(lineEnding: .crlf, bom: true)
        for row in rows { try writer.write(row) }
        try writer.finish()
        #expect(Array(CSVWriter.encode(rows, lineEnding: .crlf, bom: true).utf8) == writer.bytes)
    }
}
