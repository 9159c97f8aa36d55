import Foundation
import Testing
import ViewpointsTestSupport

/// The README's "A study from start to finish", command by command, as a user runs it: from a folder holding the
/// repository's `Samples`, on a fresh database and `VIEWPOINTS_HOME`. Read from README.md at test time, so the
/// walkthrough cannot drift from the program.
@Suite(.database)
struct ReadmeWalkthroughTests {
    /// The commands of the first `sh` block under the heading, continuation lines joined, comments removed.
    static func walkthrough(_ readme: String) -> [String] {
        guard let heading = readme.range(of: "## A study from start to finish"),
            let open = readme.range(of: "```sh\n", range: heading.upperBound..<readme.endIndex),
            let close = readme.range(of: "\n```", range: open.upperBound..<readme.endIndex)
        else { return [] }
        var commands: [String] = []
        var pending = ""
        for line in readme[open.upperBound..<close.lowerBound].split(separator: "\n") {
            var text = String(line)
            if let comment = text.range(of: "  # ") ?? text.range(of: " # ") {
                text = String(text[..<comment.lowerBound])
            }
            text = text.trimmingCharacters(in: .whitespaces)
            if text.hasSuffix("\\") {
                pending += text.dropLast().trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            let command = (pending + text).trimmingCharacters(in: .whitespaces)
            pending = ""
            if !command.isEmpty { commands.append(command) }
        }
        return commands
    }

    @Test func everyCommandRunsAsWritten() throws {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        let commands = Self.walkthrough(readme)
        #expect(commands.count >= 20, "\(commands)")
        #expect(commands.allSatisfy { $0.hasPrefix("viewpoints ") }, "\(commands)")
        for needed in [
            "coder add coder-b", "import codings", "consensus", "export tallies", "export matrix", "quotes", "stats",
        ] {
            #expect(commands.contains { $0.contains(needed) }, "the walkthrough lacks `\(needed)`")
        }
        let coderB = commands.firstIndex { $0.contains("coder add coder-b") } ?? commands.count
        let codesB = commands.firstIndex { $0.contains("code --coder coder-b") } ?? -1
        #expect(coderB < codesB, "coder-b codes before it is added")

        let db = try TestDatabase(migrated: false)
        let files = TestFiles()
        let folder = URL(fileURLWithPath: files.folder)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("Samples"),
            withDestinationURL: Repository.root.appendingPathComponent("Samples"))
        let binary = try ViewpointsBinary()
        let shell = ViewpointsBinary(url: URL(fileURLWithPath: "/bin/bash"))
        let path =
            binary.url.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        let environment: [String: String?] = [
            "PATH": path, "DATABASE_URL": db.url, "VIEWPOINTS_HOME": files.folder + "/home", "NO_COLOR": "1",
            "VIEWPOINTS_STUDY": nil,
        ]
        // the walkthrough starts from a database nobody migrated: against your own server that is `db migrate`
        let migrate = try binary.run(["db", "migrate"], environment: environment)
        #expect(migrate.status == 0, "\(migrate)")
        for command in commands {
            // interactive coding: the coder quits at once
            let result = try shell.run(
                ["-c", command], environment: environment, input: "q\n", currentDirectory: folder)
            #expect(result.status == 0, "`\(command)` failed: \(result)")
            #expect(!result.stderr.contains("viewpoints: error"), "`\(command)`: \(result.stderr)")
        }
        for written in ["tallies.csv", "matrix.csv", "final.csv", "statements.csv"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: files.folder + "/" + written)[.size]) as? Int
            #expect((size ?? 0) > 100, "\(written) was not written")
        }
        let tallies = try String(contentsOfFile: files.folder + "/tallies.csv", encoding: .utf8)
        #expect(tallies.contains("Most participants agreed (39 of 60; 39 of 50 who addressed it)"))
    }

    @Test func theExtractorJoinsContinuationsAndDropsComments() {
        let readme = """
            ## A study from start to finish

            ```sh
            viewpoints a b \\
                --c d          # comment
            viewpoints e "f g"   # another
            ```
            ```sh
            viewpoints not-this
            ```
            """
        #expect(Self.walkthrough(readme) == ["viewpoints a b --c d", "viewpoints e \"f g\""])
    }
}
