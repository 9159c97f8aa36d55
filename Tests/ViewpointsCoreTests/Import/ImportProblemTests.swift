import Testing

@testable import ViewpointsCore

@Suite struct ImportProblemTests {
    @Test func escapesControlAndBidiCharactersThatAFileCouldEcho() {
        let problem = ImportProblem(
            file: "f.csv", line: 2, column: 3,
            message: "'coder' \"a\nf.csv:1:1: fake\u{1B}[2J\u{202E}x\u{FEFF}\" is not valid")
        #expect(
            problem.description == #"f.csv:2:3: 'coder' "a\nf.csv:1:1: fake\u{1B}[2J\u{202E}x\u{FEFF}" is not valid"#)
    }

    @Test func cutsAHugeValueInTheMiddleKeepingTheAdvice() {
        let huge = String(repeating: "x", count: 10_000_000)
        let message = ImportProblem(
            file: "f", line: 1, column: 1, message: "'code' \"\(huge)\" is not a code key; fix it"
        )
        .message
        #expect(message.count <= ImportProblem.longestMessage + 40)
        #expect(message.hasPrefix("'code' \"xxx"))
        #expect(message.hasSuffix("xxx\" is not a code key; fix it"))
        #expect(message.contains("characters left out"))
    }

    @Test func leavesOrdinaryMessagesAlone() {
        let text = "'participant' is empty; every row needs the person's source identifier (Zoë, 東京)"
        #expect(ImportProblem(file: "f", line: 1, column: 1, message: text).message == text)
    }
}

@Suite struct MixedScriptTests {
    @Test(arguments: [
        ("\u{0410} One", ["Latin", "Cyrillic"]), ("A One", ["Latin"]), ("Zoë Ørsted", ["Latin"]),
        ("Иван Петров", ["Cyrillic"]), ("Αθηνά", ["Greek"]), ("c\u{043E}der", ["Latin", "Cyrillic"]),
        ("\u{0391}lpha", ["Latin", "Greek"]), ("12345", []), ("東京 Tokyo", ["Latin"]),
    ])
    func findsTheScriptsOfLookAlikeLetters(_ text: String, _ scripts: [String]) {
        #expect(MixedScript.scripts(text) == scripts)
        #expect(MixedScript.isMixed(text) == (scripts.count > 1))
    }

    static func failure(_ messages: [String]) -> String {
        ImportFailure(
            problems: messages.enumerated().map { ImportProblem(file: "f.csv", line: $0 + 2, column: 1, message: $1) }
        )
        .description
    }

    @Test func everyFailureStartsLikeEveryOtherErrorAndSaysHowToGoOn() {
        let bad = Self.failure(["'stance' is 3; use -2 to 2"])
        #expect(bad.hasPrefix("viewpoints: error: nothing was imported: 1 problem in f.csv\nf.csv:2:1: 'stance'"))
        #expect(bad.hasSuffix("\nfix the file and run the import again"))
    }

    @Test func refusalsThatUpdateResolvesSayPassUpdateNeverFixTheFile() {
        let changed = Self.failure(["statement S2 differs from the stored one (text); pass --update to replace it"])
        #expect(changed.hasSuffix("\nto replace the stored rows with the file's, run the import again with --update"))
        #expect(!changed.contains("fix the file"))
        let both = Self.failure(["code a differs (label); pass --update to replace it", "'key' is empty; give one"])
        #expect(both.hasSuffix("fix the file, pass --update to replace the changed rows, and run the import again"))
    }

    @Test(
        arguments: [
            ("Relations.Lowest Since 9/11", "relations.lowest-since-9-11"), ("Relations", "relations"),
            ("india.Third_party", "india.third-party"), ("relations.lowest", nil), ("relаtions", nil), ("!!!", nil),
        ] as [(String, String?)])
    func suggestsAValidCodeKey(_ key: String, _ suggestion: String?) {
        #expect(Slug.suggestedCodeKey(key) == suggestion)
        if let suggestion { #expect(Slug.isValidCodeKey(suggestion)) }
    }
}
