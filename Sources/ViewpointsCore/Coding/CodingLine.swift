/// One line typed in an interactive coding session.
///
/// `3+ 17-- 22` applies codes (short numbers or keys; suffix `++ + - --`, none = neutral) and stays on the
/// statement; an empty line marks the statement reviewed and moves on; `u` undo, `s` skip without review,
/// `b` back, `n TEXT` note on the last coding, `c` codebook, `?` help, `q` quit.
public enum CodingLine: Sendable, Equatable {
    /// One code applied with a stance.
    public struct Application: Sendable, Equatable {
        public var code: CodeReference
        public var stance: Stance

        public init(code: CodeReference, stance: Stance) {
            self.code = code
            self.stance = stance
        }
    }

    case apply([Application])
    case done
    case undo
    case skip
    case back
    case note(String)
    case codebook
    case help
    case quit

    /// Parses a line; throws with what is wrong and what to type instead.
    public init(parsing line: String) throws(CodingLineError) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        switch trimmed {
        case "": self = .done
        case "u": self = .undo
        case "s": self = .skip
        case "b": self = .back
        case "c": self = .codebook
        case "?", "h", "help": self = .help
        case "q": self = .quit
        case "n":
            throw CodingLineError("'n' needs the note's text, e.g. n qualified support only")
        default:
            if trimmed.hasPrefix("n ") {
                let text = String(trimmed.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                self = .note(text)
                return
            }
            var applications: [Application] = []
            for token in trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
                applications.append(try CodingLine.application(String(token)))
            }
            self = .apply(applications)
        }
    }

    /// `17--`, `india.improve-relations+`, `3`.
    static func application(_ token: String) throws(CodingLineError) -> Application {
        let suffix = token.reversed().prefix(while: { $0 == "+" || $0 == "-" })
        let name = String(token.dropLast(suffix.count))
        let signs = String(suffix.reversed())
        guard let stance = Stance(argument: signs.isEmpty ? "0" : signs), signs.count <= 2 else {
            throw CodingLineError(
                "'\(token)': the stance suffix '\(signs)' is not one of ++ + - -- (or none for neutral)")
        }
        guard let code = CodeReference(name) else {
            throw CodingLineError(
                "'\(token)' is not a code: give its short number or key, then + ++ - -- or nothing (e.g. 3+ 17--)")
        }
        return Application(code: code, stance: stance)
    }

    /// The help text shown for `?`.
    public static let helpText = """
        3+ 17-- 22   apply codes by short number or key: ++ strongly support, + support, none neutral,
                     - oppose, -- strongly oppose (stays on the statement; applying again changes the stance)
        (empty)      done: mark the statement reviewed and go to the next
        u            undo the last change of this session
        s            skip without marking it reviewed
        b            back to the previous statement
        n TEXT       note on the last coding
        c            codebook with definitions
        ?            this help
        q            quit (everything shown as done is already saved)
        """
}

/// A line the interactive grammar does not accept.
public struct CodingLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
