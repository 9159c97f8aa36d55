import Testing
import ViewpointsCore

@Suite struct CodingLineTests {
    typealias A = CodingLine.Application

    @Test func appliesNumbersAndKeysWithSuffixes() throws {
        let line = try CodingLine(parsing: "3+ 17-- 22 india.improve-relations++ relations.lowest-since-9-11-")
        #expect(
            line
                == .apply([
                    A(code: .number(3), stance: .support), A(code: .number(17), stance: .stronglyOppose),
                    A(code: .number(22), stance: .neutral),
                    A(code: .key("india.improve-relations"), stance: .stronglySupport),
                    A(code: .key("relations.lowest-since-9-11"), stance: .oppose),
                ]))
    }

    @Test(arguments: [
        ("", CodingLine.done), ("   ", .done), ("u", .undo), ("s", .skip), ("b", .back), ("c", .codebook),
        ("?", .help), ("q", .quit), ("n qualified support only", .note("qualified support only")),
        ("  q  ", .quit),
    ])
    func readsCommands(_ text: String, _ expected: CodingLine) throws {
        #expect(try CodingLine(parsing: text) == expected)
    }

    @Test(arguments: [
        ("3+++", "'3+++': the stance suffix '+++' is not one of ++ + - -- (or none for neutral)"),
        ("3+-", "'3+-': the stance suffix '+-' is not one of ++ + - -- (or none for neutral)"),
        ("Foo", "'Foo' is not a code: give its short number or key, then + ++ - -- or nothing (e.g. 3+ 17--)"),
        ("0+", "'0+' is not a code: give its short number or key, then + ++ - -- or nothing (e.g. 3+ 17--)"),
        ("3x", "'3x' is not a code: give its short number or key, then + ++ - -- or nothing (e.g. 3+ 17--)"),
        ("n", "'n' needs the note's text, e.g. n qualified support only"),
    ])
    func explainsBadLines(_ text: String, _ message: String) {
        #expect(throws: CodingLineError(message)) { try CodingLine(parsing: text) }
    }
}
