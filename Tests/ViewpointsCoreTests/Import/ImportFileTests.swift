import Foundation
import Testing
import ViewpointsFiles

@testable import ViewpointsCore

/// The five import files' readers, in Core with no database: what each accepts, and each refusal placed at its
/// file, line and column.
@Suite struct ImportFileTests {
    /// A file with `text` in a folder of its own, removed when the test ends.
    final class File {
        let path: String

        init(_ name: String, _ text: String) throws {
            let folder = NSTemporaryDirectory() + "viewpoints-core-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            path = folder + "/" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        deinit { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    }

    /// The problems `body` throws, as `line:column: message`.
    func problems(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let failure as ImportFailure {
            return failure.problems.map { "\($0.line):\($0.column): \($0.message)" }
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    @Test func participantsKeepAttributesAndNeverTheIdentifier() throws {
        let file = try File("p.csv", "participant,name,role\nann@example.org,Ann Lee,lead\nbo@example.org,Bo,staff\n")
        let read = try ParticipantsFile.read(path: file.path)
        #expect(read.rows.map(\.identifier) == ["ann@example.org", "bo@example.org"])
        #expect(read.attributeNames == ["role"])
        #expect(read.rows[0].attributes.map(\.value) == ["lead"])
        #expect(read.rows[0].name == "Ann Lee")
    }

    @Test func participantsRefuseTheSamePersonTwice() throws {
        let file = try File("p.csv", "participant\nann@example.org\n ANN@example.org \n")
        let found = problems { _ = try ParticipantsFile.read(path: file.path) }
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("3:1: 'participant' is the same person as on line 2") == true, "\(found)")
    }

    @Test func statementsReadRowByRowAndPlaceAnEmptyText() throws {
        let file = try File("s.csv", "id,participant,text\nS1,ann@example.org,Fine.\nS2,ann@example.org,\n")
        var problems = ProblemList(file: file.path)
        var statements = try #require(try StatementsFile.open(path: file.path, problems: &problems))
        var rows: [StatementsFile.Row] = []
        while let row = try statements.next(problems: &problems) { rows.append(row) }
        #expect(rows.map(\.id) == ["S1"])
        #expect(problems.problems.map { "\($0.line):\($0.column)" } == ["3:20"])
        #expect(problems.problems.first?.message.contains("'text' is empty") == true)
    }

    @Test func codebookReadsThemesAndPropositionsInFileOrder() throws {
        let file = try File(
            "c.csv", "key,label,description,parent\nrelations,Relations,,\nrelations.lowest,Lowest,,relations\n")
        let read = try CodebookFile.read(path: file.path)
        #expect(read.rows.map(\.key) == ["relations", "relations.lowest"])
        #expect(read.rows.map(\.parent) == [nil, "relations"])
    }

    @Test func codebookRefusesADuplicateKey() throws {
        let file = try File("c.csv", "key,label,description,parent\nrelations,A,,\nrelations,B,,\n")
        let found = problems { _ = try CodebookFile.read(path: file.path) }
        #expect(found == ["3:1: 'key' relations is already defined on line 2; keys must be unique"])
    }

    @Test func codingsReadAReviewWithNothingApplied() throws {
        let file = try File("k.csv", "statement,coder,code,stance\nS1,a,relations.lowest,1\nS2,a,,\n")
        let read = try CodingsFile.read(path: file.path)
        #expect(read.rows.map(\.code) == ["relations.lowest", nil])
        #expect(read.rows.map(\.stance) == [Stance(1), nil])
        #expect(!read.hasNote)
    }

    @Test func codingsRefuseAnUnknownColumn() throws {
        let file = try File("k.csv", "statement,coder,code,stance,mood\nS1,a,relations.lowest,1,ok\n")
        let found = problems { _ = try CodingsFile.read(path: file.path) }
        #expect(
            found == [
                "1:29: unknown column 'mood'; a codings file has the columns statement, coder, code, stance, note"
            ])
    }

    @Test func adjudicationsReadAnEmptyStanceAsAbsent() throws {
        let file = try File("a.csv", "statement,code,stance\nS1,relations.lowest,\nS2,relations.lowest,-2\n")
        let read = try AdjudicationsFile.read(path: file.path)
        #expect(read.rows.map(\.stance) == [nil, Stance(-2)])
    }

    @Test func adjudicationsRefuseAStanceOutOfRange() throws {
        let file = try File("a.csv", "statement,code,stance\nS1,relations.lowest,3\n")
        let found = problems { _ = try AdjudicationsFile.read(path: file.path) }
        #expect(found == ["2:21: 'stance' \"3\" is not an integer from -2 to 2; leave it empty for absent"])
    }

    @Test(arguments: ["participants", "codebook", "codings", "adjudications"])
    func anEmptyFileIsRefusedAtItsFirstLine(_ kind: String) throws {
        let file = try File("\(kind).csv", "")
        let found = problems {
            switch kind {
            case "participants": _ = try ParticipantsFile.read(path: file.path)
            case "codebook": _ = try CodebookFile.read(path: file.path)
            case "codings": _ = try CodingsFile.read(path: file.path)
            default: _ = try AdjudicationsFile.read(path: file.path)
            }
        }
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("1:1: ") == true, "\(found)")
    }
}
