import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// REFI-QDA interchange through the binary: codebooks out and in (round trip, schema validation, the quirks of
/// other programs' files as warnings, refusals with exit 65 and nothing stored).
@Suite(.database)
struct REFICommandTests {
    let cli: CLI
    let files = TestFiles()

    init() throws {
        cli = try CLI()
    }

    func run(_ arguments: [String]) throws -> ViewpointsBinary.Output {
        try cli.run(arguments)
    }

    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/refi/" + name) }

    static var xmllint: String? { ExternalTool.find("xmllint") }

    /// xmllint's verdict on `path` against one of the vendored schemas: nil when valid.
    func schemaErrors(_ path: String, _ xsd: String) throws -> String? {
        let output = try ExternalTool.run(
            Self.xmllint ?? "xmllint", ["--noout", "--nonet", "--schema", Self.fixture(xsd), path], in: files.folder)
        return output.status == 0 ? nil : output.description
    }

    @Test(.needs(REFICommandTests.xmllint != nil, "needs xmllint (libxml2-utils)"))
    func theSampleCodebookExportsValidAndImportsBackIdentical() throws {
        #expect(try run(["study", "create", "one"]).status == 0)
        #expect(try run(["study", "create", "two"]).status == 0)
        let csv = Repository.path("Samples/ipr-2018/codebook.csv")
        #expect(try run(["import", "codebook", csv, "--study", "one"]).status == 0)
        let qdc = files.folder + "/one.qdc"
        let export = try run(["export", "codebook", "--format", "qdc", "--study", "one", "--out", qdc])
        #expect(export.status == 0, "\(export)")
        #expect(try schemaErrors(qdc, "Codebook.xsd") == nil)
        let again = try run(["export", "codebook", "--format", "qdc", "--study", "one"])
        #expect(again.stdout == (try String(contentsOfFile: qdc, encoding: .utf8)), "re-exports are identical")

        let imported = try run(["import", "codebook", qdc, "--study", "two"])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("codebook: 51 new, 0 unchanged"))
        #expect(imported.stderr.isEmpty, "no warning for our own file: \(imported.stderr)")
        let first = try run(["export", "codebook", "--study", "one"])
        let second = try run(["export", "codebook", "--study", "two"])
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.split(separator: "\n").count == 52)
        let unchanged = try run(["import", "codebook", qdc, "--study", "two"])
        #expect(unchanged.stdout.contains("codebook: 0 new, 51 unchanged, 0 changed"))
    }

    @Test func otherProgramsCodebooksImportWithWarnings() throws {
        #expect(try run(["study", "create", "s"]).status == 0)
        let atlas = try run(["import", "codebook", Self.fixture("atlasti-style.qdc")])
        #expect(atlas.status == 0, "\(atlas)")
        #expect(atlas.stdout.contains("codebook: 5 new"))
        #expect(
            atlas.stderr.contains(
                "viewpoints: warning: \(Self.fixture("atlasti-style.qdc")):2:1: namespace urn:QDA-XML:codebook:1:0"))
        let taguette = try run(["import", "codebook", Self.fixture("taguette-style.qdc"), "--dry-run"])
        #expect(taguette.status == 0, "\(taguette)")
        #expect(taguette.stderr.contains("an empty <Sets/>"))
        #expect(taguette.stdout.contains("[dry run: nothing written]"))
        let strict = try run(["import", "codebook", Self.fixture("nvivo-style.qdc"), "--strict"])
        #expect(strict.status == 65, "\(strict)")
        #expect(strict.stderr.contains("nvivo-style.qdc:8:1: code Relations / Lowest since 9/11 / Worse than 2011"))
        let codes = try run(["export", "codebook"])
        #expect(codes.stdout.split(separator: "\n").count == 6, "only the ATLAS.ti-style codes: \(codes.stdout)")
    }

    @Test(arguments: ["duplicate-guid.qdc", "duplicate-name.qdc", "entity-expansion.qdc", "external-entity.qdc"])
    func badAndHostileCodebooksExitSixtyFiveAndStoreNothing(name: String) throws {
        #expect(try run(["study", "create", "s"]).status == 0)
        let output = try run(["import", "codebook", Self.fixture(name)])
        #expect(output.status == 65, "\(output)")
        #expect(output.stderr.contains("\(Self.fixture(name)):"), "\(output.stderr)")
        #expect(!output.stderr.contains("root:"), "no file's content leaks")
        #expect(try run(["export", "codebook"]).stdout == "key,label,description,parent,number\n")
        let empty = try run(["export", "codebook", "--format", "qdc"])
        #expect(empty.status == 65, "an empty codebook would not be valid: \(empty)")
        #expect(empty.stdout.isEmpty)
    }

    /// The sample study with both coders' codings and the lead's adjudications.
    func importSample(_ slug: String) throws {
        let sample = Repository.path("Samples/ipr-2018")
        let steps: [[String]] = [
            ["study", "create", slug],
            ["import", "participants", sample + "/participants.csv"],
            ["import", "statements", sample + "/statements.csv", "--participants", sample + "/participants.csv"],
            ["import", "codebook", sample + "/codebook.csv"],
            ["coder", "add", "coder-a"], ["coder", "add", "coder-b"], ["coder", "add", "lead"],
            ["import", "codings", sample + "/codings.csv"],
            ["import", "adjudications", sample + "/adjudications.csv", "--coder", "lead"],
        ]
        for step in steps {
            let output = try run(step + (step[0] == "study" ? [] : ["--study", slug]))
            try #require(output.status == 0, "\(step): \(output)")
        }
    }

    /// Unpacks a .qdpx with Python's zipfile into `folder`.
    func unzip(_ archive: String, into folder: String) throws {
        let python = try #require(ExternalTool.find("python3"))
        let output = try ExternalTool.run(
            python,
            ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", archive, folder],
            in: files.folder)
        try #require(output.status == 0, "\(output)")
    }

    @Test(.needs(REFICommandTests.xmllint != nil, "needs xmllint (libxml2-utils)"))
    func theSampleProjectExportsValidWithEveryStatementAndCoding() throws {
        try importSample("ipr-2018")
        let qdpx = files.folder + "/ipr.qdpx"
        let export = try run(["export", "project", "--format", "qdpx", "--out", qdpx])
        #expect(export.status == 0, "\(export)")
        #expect(export.stderr.contains("wrote 60 cases, 599 selections, 1340 codings by 3 users to \(qdpx)"))
        let folder = files.folder + "/unpacked"
        try unzip(qdpx, into: folder)
        #expect(try schemaErrors(folder + "/project.qde", "Project.xsd") == nil)
        let project = try String(contentsOfFile: folder + "/project.qde", encoding: .utf8)
        let sources = try FileManager.default.contentsOfDirectory(atPath: folder + "/Sources")
        #expect(sources.count == 60)
        for source in sources { #expect(project.contains("plainTextPath=\"internal://\(source)\"")) }
        #expect(project.components(separatedBy: "<PlainTextSelection ").count - 1 == 599)
        #expect(project.contains("adjudicated by lead:"))
        let mode = try FileManager.default.attributesOfItem(atPath: qdpx)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let again = files.folder + "/again.qdpx"
        #expect(try run(["export", "project", "--out", again]).status == 0)
        try unzip(again, into: files.folder + "/again")
        #expect(try String(contentsOfFile: files.folder + "/again/project.qde", encoding: .utf8) == project)
    }
}
