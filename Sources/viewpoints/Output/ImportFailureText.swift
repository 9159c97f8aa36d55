import ViewpointsCore

/// The executable's words for an import that was refused: Core and Store give the problems and their remedies as
/// values; the heading, the flag names and the command lines are written here.
extension ImportFailure {
    /// `viewpoints: error:` and the count, every problem as `FILE:LINE:COLUMN: …` (the first 20), then how to go
    /// on: a refusal that `--update` resolves says to pass it, never to fix the file.
    var text: String {
        let place = file.map { " in \($0)" } ?? ""
        var lines = ["viewpoints: error: nothing was imported: \(count) problem\(count == 1 ? "" : "s")\(place)"]
        lines += problems.prefix(ImportFailure.shown).map(\.text)
        let hidden = problems.count - min(problems.count, ImportFailure.shown) + more
        if hidden > 0 { lines.append("… and \(hidden) more problem\(hidden == 1 ? "" : "s")") }
        let changed = problems.filter(\.resolvedByUpdate).count
        if changed == problems.count && more == 0 {
            lines.append("to replace the stored rows with the file's, run the import again with --update")
        } else if changed > 0 {
            lines.append("fix the file, pass --update to replace the changed rows, and run the import again")
        } else {
            lines.append("fix the file and run the import again")
        }
        return lines.joined(separator: "\n")
    }
}

extension ImportProblem {
    /// `FILE:LINE:COLUMN: what is wrong; how to resolve it`.
    var text: String { description + (remedy?.text ?? "") }
}

extension ImportRemedy {
    /// The words after the problem's message.
    var text: String {
        switch self {
        case .update: "; pass --update to replace it"
        case .updateAttributes: "; pass --update to replace them"
        case .updateOrNewID: "; pass --update to replace it, or give it a new id"
        case .importParticipants(nil):
            "; import them with `viewpoints import participants` first, or fix the identifier"
        case .importParticipants(let file?): " (`viewpoints import participants \(file)`)"
        }
    }
}
