import ViewpointsCore
import ViewpointsFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One fuzzing input run through everything that reads files from outside: the CSV reader and writer, the five
/// import-file validators, spreadsheet neutralizing and the redactor. A crash, or a broken invariant, is a
/// finding; errors the code reports as such are the expected outcome for bad input.
///
/// `Fuzz/` builds this file into a libFuzzer target (`Scripts/fuzz`); `FuzzProbeTests` runs it over the corpus.
public enum FuzzProbe {
    /// Runs `bytes` through every reader and stops the process on a broken invariant: libFuzzer's entry point.
    public static func run(_ bytes: [UInt8], scratch: String) {
        let broken = findings(bytes, scratch: scratch)
        if !broken.isEmpty { fatalError(broken.joined(separator: "\n")) }
    }

    /// Runs `bytes` through every reader, using `scratch` as the file the validators open; returns the invariants
    /// it broke (none: empty), so a test can fail on one input and go on with the next.
    public static func findings(_ bytes: [UInt8], scratch: String) -> [String] {
        var findings = Findings()
        let records = readRecords(bytes, &findings)
        if let records { checkRoundTrip(records, &findings) }
        guard save(bytes, to: scratch) else { return findings.broken }
        validate(scratch, &findings)
        redact(records ?? [])
        return findings.broken
    }

    /// The invariants broken so far.
    public struct Findings {
        public private(set) var broken: [String] = []

        public init() {}

        /// Records `what` when `holds` is false.
        public mutating func check(_ holds: Bool, _ what: @autoclosure () -> String) {
            if !holds { broken.append(what()) }
        }
    }

    /// The records, or nil when the reader refused the input with a placed error.
    static func readRecords(_ bytes: [UInt8], _ findings: inout Findings) -> [CSVRecord]? {
        var reader = CSVReader(bytes: bytes)
        var records: [CSVRecord] = []
        do {
            while let record = try reader.next() {
                findings.check(record.line >= 1 && !record.fields.isEmpty, "a record without a line or fields")
                findings.check(record.columns.count == record.fields.count, "a column for every field")
                records.append(record)
            }
        } catch {
            findings.check(error.line >= 1 && error.column >= 1, "a read error without a place: \(error)")
            return nil
        }
        return records
    }

    /// Written back out and read again, every field comes back as it was.
    static func checkRoundTrip(_ records: [CSVRecord], _ findings: inout Findings) {
        let rows = records.map(\.fields).filter { $0 != [""] }
        let encoded = CSVWriter.encode(rows)
        var reader = CSVReader(string: encoded)
        let again = (try? reader.readAll().map(\.fields)) ?? [["<error>"]]
        findings.check(again == rows, "the CSV writer's output does not read back the same")
        for field in rows.joined() {
            let neutral = CSVSpreadsheetSafety.neutralize(field)
            findings.check(CSVSpreadsheetSafety.restore(neutral) == field, "neutralize is not undone by restore")
            findings.check(!CSVSpreadsheetSafety.triggered(neutral), "a neutralized cell still starts a formula")
        }
    }

    /// Each validator either accepts the file or throws an error naming the file and a line.
    static func validate(_ path: String, _ findings: inout Findings) {
        func expectPlaced(_ body: () throws -> Void) {
            do {
                try body()
            } catch let failure as ImportFailure {
                findings.check(!failure.problems.isEmpty, "an import failure without problems")
                for problem in failure.problems {
                    findings.check(problem.file == path && problem.line >= 1, "a problem without a place: \(problem)")
                    findings.check(problem.message.utf8.count < 2_000, "an unbounded message")
                }
            } catch let error as CSVError {
                findings.check(error.file == path && error.line >= 1, "a read error without a place: \(error)")
            } catch {
                findings.check(false, "an unexpected error: \(error)")
            }
        }
        expectPlaced { _ = try ParticipantsFile.read(path: path) }
        expectPlaced { _ = try CodebookFile.read(path: path, knownThemes: ["relations"]) }
        expectPlaced { _ = try CodingsFile.read(path: path) }
        expectPlaced { _ = try AdjudicationsFile.read(path: path) }
        expectPlaced {
            var problems = ProblemList(file: path)
            if var file = try StatementsFile.open(path: path, problems: &problems) {
                while try file.next(problems: &problems) != nil {}
            }
            try problems.throwIfAny()
        }
    }

    /// Builds a redactor from the first fields as names and terms, and redacts the fields (it must not crash or
    /// hang on any text).
    static func redact(_ records: [CSVRecord]) {
        let fields = records.prefix(8).flatMap { $0.fields.prefix(2) }.filter { !$0.isEmpty }
        let participants = fields.enumerated().map { index, name in
            RedactionParticipant(pseudonym: "P\(index + 1)", name: name)
        }
        let redactor = Redactor(participants: participants, terms: Array(fields.suffix(2)))
        for record in records.prefix(64) {
            for field in record.fields {
                _ = redactor.redact(field)
            }
        }
    }

    static func save(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            return write(fd, base, raw.count) == raw.count
        }
    }
}
