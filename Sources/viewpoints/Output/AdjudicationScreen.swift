import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

/// Walks the lead through open and stale disagreements, one line each: a stance, `a` absent, empty skip, `q` quit.
struct AdjudicationScreen {
    let store: Store
    let study: Study
    let lead: String
    let style = Style()

    func run() throws {
        _ = try report { try store.coder(named: lead, study: study) }
        let list = try report { try store.disagreements(study: study, coders: nil) }
        guard !list.isEmpty else {
            print("no open or stale disagreements")
            return
        }
        print(
            style.dim(
                "\(list.count) to decide: a stance (-2…2, + ++ - --, words), a for absent, empty to skip, q to quit"))
        var decided = 0
        for (i, item) in list.enumerated() {
            let text = try report { try store.statementText(study: study, reference: item.statement) }
            print("")
            print(style.bold(item.statement) + "  \(i + 1)/\(list.count)  \(text.pseudonym)  " + style.bold(item.code))
            if let question = text.question, !question.isEmpty { print(style.dim("Q: \(question)")) }
            print(text.text)
            print(
                "decisions: \(item.decisions)"
                    + (item.status == "stale" ? style.yellow("  (stale adjudication: \(item.adjudication))") : ""))
            while true {
                print("> ", terminator: "")
                fflush(nil)
                guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else {
                    print("\nadjudicated \(decided); all saved")
                    return
                }
                if line == "q" {
                    print("adjudicated \(decided); all saved")
                    return
                }
                if line.isEmpty || line == "s" { break }
                let stance: Stance?
                if line == "a" || line == "absent" {
                    stance = nil
                } else if let parsed = Stance(argument: line) {
                    stance = parsed
                } else {
                    print(style.red("? '\(line)': give \(Stance.accepted), or a for absent"))
                    continue
                }
                _ = try report {
                    try store.adjudicate(
                        study: study, lead: lead, statement: item.statement, code: .key(item.code), stance: stance)
                }
                print("adjudicated \(item.statement) \(item.code): \(stance.map { String($0.value) } ?? "absent")")
                decided += 1
                break
            }
        }
        print("adjudicated \(decided); all saved")
    }
}
