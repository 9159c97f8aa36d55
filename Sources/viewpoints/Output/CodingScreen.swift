import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

/// The line-oriented screen of an interactive coding session: prints a statement, reads a line, acts.
struct CodingScreen {
    let session: CodingSession
    let style = Style()

    init(session: CodingSession) {
        self.session = session
        session.onReconnect = { warn("viewpoints: \($0)") }
    }

    mutating func run() throws {
        let progress = session.progress
        say(
            style.dim(
                "coding as \(session.coder.name): \(progress.reviewed) of \(progress.total) statements reviewed; "
                    + "? for help, q to quit"))
        guard var screen = try report({ try session.next() }) else {
            say("nothing left to code: every statement is reviewed by \(session.coder.name)")
            return
        }
        show(screen)
        while true {
            prompt()
            guard let line = readLine(strippingNewline: true) else {
                say("")
                break
            }
            let command: CodingLine
            do {
                command = try CodingLine(parsing: line)
            } catch {
                say(style.red("? \(error)"))
                continue
            }
            do {
                guard try perform(command, on: &screen) else { return }
            } catch {
                if error.kind == .unavailable {
                    warn("viewpoints: error: \(error.text)")
                    throw ExitCode(error.exitCode)
                }
                // a refused action leaves everything as it was; the session goes on
                let (message, hint) = error.words
                say(style.red("? \(message)") + (hint.map { "\n  \($0)" } ?? ""))
                if error.sqlState == "08007", let now = try? session.screen() { showCodings(now) }
            }
        }
        sayProgress()
    }

    /// Carries out one command on the statement shown; false when the session is over (its progress said).
    func perform(_ command: CodingLine, on screen: inout CodingSession.Screen) throws(StoreError) -> Bool {
        switch command {
        case .quit:
            sayProgress()
            return false
        case .help:
            say(CodingLine.helpText)
        case .codebook:
            showCodebook(definitions: true)
        case .apply(let applications):
            for change in try session.apply(applications) { say(describe(change)) }
            showCodings(try session.screen())
        case .note(let text):
            say(describe(try session.note(text)))
        case .done:
            return try move(
                to: try session.done(), on: &screen, else: "done: every statement of this session is reviewed")
        case .skip:
            return try move(
                to: try session.skip(), on: &screen, else: "no other statement left to code in this session")
        case .back:
            guard let previous = try session.back() else {
                say(style.yellow("no earlier statement in this session"))
                return true
            }
            screen = previous
            show(screen)
        case .undo:
            guard let (change, now) = try session.undo() else {
                say(style.yellow("nothing to undo in this session"))
                return true
            }
            say("undone: " + describe(change))
            if now.reference != screen.reference {
                screen = now
                show(screen)
            } else {
                showCodings(now)
            }
        }
        return true
    }

    /// Shows `next`, or when there is none says `last` and the progress and ends the session (false).
    func move(to next: CodingSession.Screen?, on screen: inout CodingSession.Screen, else last: String) -> Bool {
        guard let next else {
            say(last)
            sayProgress()
            return false
        }
        screen = next
        show(screen)
        return true
    }

    func show(_ screen: CodingSession.Screen) {
        say("")
        say(
            style.bold("\(screen.reference)") + "  \(screen.position)/\(screen.total)  "
                + style.bold(screen.pseudonym) + "  "
                + style.dim(screen.attributes.map { "\($0.0)=\($0.1)" }.joined(separator: " ")))
        if let question = screen.question, !question.isEmpty { say(style.dim("Q: \(question)")) }
        say("")
        say(screen.text)
        say("")
        showCodebook(definitions: false)
        showCodings(screen)
    }

    func showCodebook(definitions: Bool) {
        let codes = session.codebook
        for theme in codes where theme.parent == nil {
            let children = codes.filter { $0.parent == theme.key }
            if definitions {
                say(style.bold(theme.key) + "  \(theme.label)")
                for code in children {
                    say("  \(String(code.number).leftPadded(3)) \(code.key)  \(code.label)")
                    if !code.description.isEmpty { say(style.dim("      \(code.description)")) }
                }
            } else {
                let items = children.map { "\(style.bold(String($0.number))) \($0.key.dropFirst(theme.key.count + 1))" }
                say(style.dim(theme.key + ":") + " " + items.joined(separator: "  "))
            }
        }
    }

    func showCodings(_ screen: CodingSession.Screen) {
        if screen.codings.isEmpty {
            say(style.dim("your codings: none"))
        } else {
            let items = screen.codings.map { coding in
                "\(coding.number) \(coding.key)\(coding.stance.symbol.isEmpty ? " 0" : coding.stance.symbol)"
                    + (coding.note.map { " (\($0))" } ?? "")
            }
            say("your codings: " + style.green(items.joined(separator: ", ")))
        }
    }

    func describe(_ change: CodingChange) -> String {
        change.kind == .unchanged ? style.dim(change.description) : change.description
    }

    func sayProgress() {
        let progress = session.progress
        say("\(session.coder.name): \(progress.reviewed) of \(progress.total) statements reviewed; all saved")
    }

    func prompt() {
        FileHandle.standardOutput.write(Data("> ".utf8))
    }

    func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
