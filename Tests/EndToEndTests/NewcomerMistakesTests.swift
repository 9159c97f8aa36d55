import Foundation
import Testing
import ViewpointsTestSupport

/// The first mistakes a newcomer makes, each answered by one message that says how to fix it.
@Suite(.database)
struct NewcomerMistakesTests {
    let cli: CLI
    var db: TestDatabase { cli.db }
    let files = TestFiles()

    init() throws {
        cli = try CLI()
    }

    /// One error line (and for import failures the lines it lists), a non-zero exit, nothing on stdout.
    func expectOneClearError(_ result: ViewpointsBinary.Output, status: Int32, saying parts: [String]) {
        #expect(result.status == status, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.hasPrefix("viewpoints: error: "), "\(result)")
        #expect(result.stderr.components(separatedBy: "viewpoints: error:").count == 2, "one error: \(result)")
        for part in parts { #expect(result.stderr.contains(part), "'\(part)' missing: \(result.stderr)") }
    }

    @Test func aCommandBeforeStudyCreateSaysToCreateOne() throws {
        let result = try cli.run(["import", "participants", Repository.path("Samples/ipr-2018/participants.csv")])
        expectOneClearError(result, status: 64, saying: ["there is no study yet", "viewpoints study create"])
    }

    @Test func aMistypedSubcommandGetsTheClosestName() throws {
        expectOneClearError(
            try cli.run(["improt"]), status: 64, saying: ["'improt'", "did you mean 'viewpoints import'"])
        expectOneClearError(
            try cli.run(["export", "talies"]), status: 64, saying: ["did you mean 'viewpoints export tallies'"])
        expectOneClearError(try cli.run(["frobnicate"]), status: 64, saying: ["the commands are:", "import"])
    }

    @Test func theOtherMistakesNameTheFileAndTheFix() throws {
        #expect(try cli.run(["study", "create", "demo"]).status == 0)
        expectOneClearError(
            try cli.run(["import", "participants", files.folder + "/nothere.csv"]), status: 66,
            saying: ["nothere.csv", "cannot open", "check that the path is right"])
        let noParticipant = files.write("p.csv", "name,constituency\nAyesha Khan,academic\n")
        expectOneClearError(
            try cli.run(["import", "participants", noParticipant]), status: 65,
            saying: ["\(noParticipant):1:1:", "no 'participant' column", "fix the file"])
        let badKey = files.write(
            "c.csv", "key,label,parent\nrelations,Relations,\nrelations.Lowest Since,Low,relations\n")
        expectOneClearError(
            try cli.run(["import", "codebook", badKey]), status: 65,
            saying: ["\(badKey):3:1:", "not a valid code key", "write relations.lowest-since"])
        let noParent = files.write("c2.csv", "key,label\nrelations,Relations\nrelations.lowest,Lowest\n")
        expectOneClearError(
            try cli.run(["import", "codebook", noParent]), status: 65,
            saying: ["\(noParent):1:1:", "no 'parent' column", "add a column 'parent'"])
    }
}
