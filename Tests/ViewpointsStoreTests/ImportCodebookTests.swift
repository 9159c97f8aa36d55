import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

@Suite(.database)
struct ImportCodebookTests {
    let db: TestDatabase
    let files = TestFiles()
    let store: Store

    init() throws {
        db = try TestDatabase()
        store = try db.store()
        _ = try store.createStudy(slug: "ipr-2018", title: "Test")
    }

    func study() throws -> Study { try #require(try store.study(slug: "ipr-2018")) }

    @Test func storesFileOrderAndNeverReusesNumbers() throws {
        let path = files.write("codebook.csv", Fixtures.codebook)
        let first = try store.importCodebook(path: path, study: try study(), options: .init())
        #expect(first.description == "codebook: 4 new, 0 unchanged, 0 changed, 0 not in file (kept)")
        let codes = try store.codes(study: try study())
        #expect(
            codes.map(\.key) == ["relations", "relations.lowest-since-9-11", "region", "region.prioritize-regional"])
        #expect(Set(codes.map(\.number)) == [1, 2, 3, 4])
        #expect(codes[1].parent == "relations")
        let again = try store.importCodebook(path: path, study: try study(), options: .init())
        #expect(again.description == "codebook: 0 new, 4 unchanged, 0 changed, 0 not in file (kept)")
        // a study deleted and re-created starts afresh, but within a study numbers only grow
        try db.rows("DELETE FROM codes WHERE key = 'region.prioritize-regional'")
        let more = files.write("more.csv", Fixtures.codebook + "region.keep-china-ties-strong,China ties,,region\n")
        let third = try store.importCodebook(path: more, study: try study(), options: .init())
        #expect(third.new == 2)
        let numbers = try store.codes(study: try study()).map(\.number)
        #expect(numbers.sorted() == [1, 2, 3, 5, 6])
    }

    @Test func refusesChangedLabelsUnlessUpdating() throws {
        _ = try store.importCodebook(
            path: files.write("c.csv", Fixtures.codebook), study: try study(), options: .init())
        let changed = files.write(
            "changed.csv", Fixtures.codebook.replacingOccurrences(of: "Lowest since 9/11", with: "Lowest"))
        let snapshot = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try store.importCodebook(path: changed, study: try study(), options: .init())
        }
        #expect(
            failure.problems.map(\.description) == [
                "\(changed):3:1: code relations.lowest-since-9-11 differs from the stored one (label)"
            ])
        #expect(failure.problems.map(\.remedy) == [.update], "the executable words the --update hint")
        #expect(try db.snapshot() == snapshot)
        var options = CodebookImportOptions()
        options.update = true
        #expect(try store.importCodebook(path: changed, study: try study(), options: options).changed == 1)
        #expect(try store.codes(study: try study())[1].label == "Lowest")
    }

    @Test(arguments: [
        ("bad slug", "key,label,parent\nRelations,X,\n", "c.csv:2:1: 'key' \"Relations\" is not a valid code key"),
        (
            "look-alike slug", "key,label,parent\nrelаtions,X,\n",
            "c.csv:2:1: 'key' \"relаtions\" is not a valid code key"
        ),
        (
            "unknown parent", "key,label,parent\nrelations.x,X,relations\n",
            "c.csv:2:15: 'parent' relations is not a theme"
        ),
        (
            "prefix", "key,label,parent\na,A,\nb,B,\na.x,X,b\n",
            "c.csv:4:1: 'key' a.x must start with its theme and a dot"
        ),
        ("duplicate", "key,label,parent\na,A,\na,B,\n", "c.csv:3:1: 'key' a is already defined on line 2"),
        ("dot without parent", "key,label,parent\na.b,A,\n", "c.csv:2:7: 'parent' is empty but a.b has a dot"),
        ("empty label", "key,label,parent\na,,\n", "c.csv:2:3: 'label' is empty"),
        ("three levels", "key,label,parent\na,A,\na.b.c,X,a\n", "c.csv:3:1: 'key' \"a.b.c\" is not a valid code key"),
    ])
    func rejectsBadCodebooks(_ name: String, _ content: String, _ expected: String) throws {
        let path = files.write("c.csv", content)
        let snapshot = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) {
            try store.importCodebook(path: path, study: try study(), options: .init())
        }
        #expect(
            failure.description.contains(expected.replacingOccurrences(of: "c.csv", with: path)), "\(name): \(failure)")
        #expect(try db.snapshot() == snapshot)
    }

    @Test func databaseRefusesAPropositionUnderAnotherTheme() throws {
        _ = try store.importCodebook(
            path: files.write("c.csv", Fixtures.codebook), study: try study(), options: .init())
        let error = try #require(throws: StoreError.self) {
            try store.connection.query(
                """
                UPDATE codes SET parent_id = (SELECT code_id FROM codes WHERE key = 'region')
                 WHERE key = 'relations.lowest-since-9-11'
                """, doing: "moving a proposition")
        }
        #expect(error.sqlState == "23514")
        #expect(error.message.contains("must start with its theme key region"))
    }
}
