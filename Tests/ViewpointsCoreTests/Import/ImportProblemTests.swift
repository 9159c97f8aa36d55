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

    @Test func aFailureKeepsItsProblemsAndTheirRemediesAsValues() {
        var problems = ProblemList(file: "f.csv", limit: 2)
        problems.add(line: 2, column: 1, "'stance' is 3; use -2 to 2")
        problems.add(line: 3, column: 1, "code a differs from the stored one (label)", remedy: .update)
        problems.add(line: 4, column: 1, "one too many")
        let failure = ImportFailure(problems: problems.problems, more: problems.more)
        #expect(failure.count == 3)
        #expect(failure.file == "f.csv")
        #expect(failure.problems.map(\.resolvedByUpdate) == [false, true])
        #expect(
            failure.description
                == "f.csv:2:1: 'stance' is 3; use -2 to 2\nf.csv:3:1: code a differs from the stored one (label)")
        #expect(!failure.description.contains("viewpoints"), "the executable words the heading and the flags")
        #expect(ImportRemedy.importParticipants(file: nil).isUpdate == false)
        #expect(ImportRemedy.updateAttributes.isUpdate && ImportRemedy.updateOrNewID.isUpdate)
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
