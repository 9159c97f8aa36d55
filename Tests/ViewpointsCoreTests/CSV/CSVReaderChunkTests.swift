import Testing
import ViewpointsFiles

@testable import ViewpointsCore

@Suite struct CSVReaderChunkTests {
    /// Input mixing BOM, CRLF, lone CR, doubled quotes and multi-byte letters, for chunk boundaries.
    static let mixed = Array(
        "\u{FEFF}id,\"na\"\"me\",ort\r\n1,\"Ä\r\nق\",😀x\r\n\r\n2,\"\"\"\",\"\"\r3,é,\"a\rb\"\n".utf8
    )

    /// Inputs read with every small chunk size, so boundaries split quotes, CRLF pairs and UTF-8 sequences.
    static let inputs: [[UInt8]] = {
        var inputs = CSVReaderTests.validCases.map { Array($0.0.utf8) }
        inputs.append(mixed)
        inputs.append(Array("\"\"\"\"\"\",\"😀\"\"😀\"\r\n,,\r\n\"\r\n\"\r\n".utf8))
        inputs.append(Array(String(repeating: "ab,\"c\"\"d\",Ää😀\r\n", count: 20).utf8))
        inputs.append(Array(("x," + String(repeating: "long field ", count: 300) + "\n\"end\"").utf8))
        return inputs
    }()

    static let chunkSizes = Array(1...9) + [13, 64]

    @Test(arguments: inputs)
    func readsSameRecordsWithTinyChunks(input: [UInt8]) throws {
        let expected = try CSVTestSupport.records(input)
        for chunkSize in Self.chunkSizes {
            let records = try CSVTestSupport.records(input, chunkSize: chunkSize)
            #expect(records == expected, "chunk size \(chunkSize)")
        }
    }

    @Test(arguments: CSVReaderErrorTests.cases)
    func reportsSameErrorsWithTinyChunks(name: String, input: [UInt8], message: String) {
        for chunkSize in Self.chunkSizes {
            #expect(CSVTestSupport.errorMessage(input, chunkSize: chunkSize) == message, "\(name), chunk \(chunkSize)")
        }
    }

    @Test func readsFileWithTinyChunks() throws {
        let input = Self.mixed
        let path = CSVTestSupport.temporaryPath("chunks")
        defer { CSVTestSupport.remove(path) }
        CSVTestSupport.writeFile(path, input)
        let expected = try CSVTestSupport.records(input)
        for chunkSize in [1, 2, 3, 5, 1 << 20] {
            var reader = CSVReader(file: try InputFile.open(path: path), chunkSize: chunkSize)
            #expect(try reader.readAll() == expected, "chunk size \(chunkSize)")
        }
    }

    @Test func readsRecordLongerThanBuffer() throws {
        let long = String(repeating: "Äx\"\"y,\n", count: 5_000)
        let input = Array("a,\"\(long)\",b\nc\n".utf8)
        let records = try CSVTestSupport.records(input, chunkSize: 100)
        #expect(records.map(\.fields) == [["a", long.replacingQuotes(), "b"], ["c"]])
        #expect(records[1].line == 5_002)
        #expect(records[0].columns == [1, 3, 3])
        #expect(records[0].fieldLines == [1, 1, 5_001])
    }
}

private extension String {
    func replacingQuotes() -> String {
        var result = ""
        var skip = false
        for scalar in unicodeScalars {
            if scalar == "\"" {
                if skip {
                    skip = false
                    continue
                }
                skip = true
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
