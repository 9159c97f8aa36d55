import ViewpointsStore

extension StoreError {
    /// The error as this program says it: Store's message and hint, with the remedy worded for the command line
    /// (commands to run, flags to pass) from `reason`.
    var words: (message: String, hint: String?) {
        guard let reason else { return (message, hint) }
        switch reason {
        case .cannotConnect:
            return (message, "check --database-url / DATABASE_URL, or leave both unset to use the managed local server")
        case .connectionLost:
            return (message, (hint.map { $0 + " " } ?? "") + "(`viewpoints server status`, or check DATABASE_URL)")
        case .schemaBehind:
            return (message + ": run `viewpoints db migrate`", hint)
        case .studyExists(let slug):
            return (message, "choose another slug, or `viewpoints study delete \(slug) --yes` first")
        case .noSuchStudy(let slug, let known):
            return (message, known.isEmpty ? "create it with `viewpoints study create \(slug) --title \"…\"`" : hint)
        case .noStudyYet:
            return (message, "create one with `viewpoints study create SLUG --title \"…\"`")
        case .studyNotNamed:
            return (message, "pass --study SLUG or set VIEWPOINTS_STUDY")
        case .hiddenStudy(let slug, let login):
            return (
                message,
                "an owner grants one with `viewpoints grant --study \(slug) --role lead|coder|analyst --user \(login)`"
            )
        case .needsRole(let study, let role):
            return (
                message,
                "an owner can grant it: `viewpoints grant --study \(study) --role \(role.rawValue) --user LOGIN`"
            )
        case .filterRefused(let role, let study):
            return (
                "--where is refused for the \(role) role of \(study): it can single out participants",
                "a lead of the study may use --where; an analyst sees the whole panel or --by groups"
            )
        case .minCellRefused(let minCell, let role, let study):
            return (
                "--min-cell \(minCell) is refused for the \(role) role of \(study): groups of fewer than 5 participants "
                    + "stay suppressed",
                "a lead of the study may lower --min-cell"
            )
        case .noSuchCodeOption(let key, let theme, let study):
            return (
                "\(theme ? "--theme" : "--code") \(key): no such code in study \(study)",
                "list the codebook with `viewpoints export codebook`"
            )
        case .codeKindMismatch(let key, let theme):
            return (
                "\(theme ? "--theme" : "--code") \(key): \(message)", theme ? "use --code \(key)" : "use --theme \(key)"
            )
        case .noSuchCode(let suggestion):
            return (
                message,
                suggestion == nil ? "`viewpoints export codebook` lists the codes with their short numbers" : hint
            )
        case .themeApplied:
            return (message, "`viewpoints export codebook` lists the propositions under each theme")
        case .noSuchStatement:
            return (message, (hint.map { $0 + "; " } ?? "") + "`viewpoints export statements` lists them")
        case .noSuchCoder(let name, let study, let known, let suggestion):
            if let suggestion {
                return (
                    message, "did you mean '\(suggestion)'? (or add a new coder with `viewpoints coder add \(name)`)"
                )
            }
            if known.isEmpty {
                return (message, "study \(study) has no coders yet: add one with `viewpoints coder add \(name)`")
            }
            return (
                message,
                "known coders: \(known.joined(separator: ", ")); add a new one with `viewpoints coder add \(name)`"
            )
        case .noSuchParticipant:
            return (message, "give the pseudonym as `viewpoints export participants` shows it, e.g. P07")
        case .noSuchLogin(let login):
            return (message, "create it with `viewpoints user add \(login)`")
        case .invalidCoderName:
            return (message, "pass --coder NAME (letters, digits, . _ -)")
        case .cannotCreateRoles(let login):
            return (
                message, "run `viewpoints db roles` once as a superuser, or `ALTER ROLE \(login) CREATEROLE` as one"
            )
        case .notSchemaOwner:
            return (message, "run `viewpoints db roles` as the login that ran the migrations, or as a superuser")
        case .noSocketFolder:
            return (message, "run `viewpoints server stop`, then any command: a private socket folder is made on start")
        case .tcpConflict:
            return (message, "run `viewpoints server stop`, then `viewpoints server start --tcp`")
        case .noParticipantsYet:
            return (message, "import them first with `viewpoints import participants FILE`")
        case .auditNotIntact(let study):
            return (message, "run `viewpoints audit verify --study \(study)` and settle what it reports first")
        case .archiveDamaged:
            return (
                message,
                (hint.map { $0 + "; " } ?? "")
                    + "use an intact copy of the archive `viewpoints backup` wrote (this one was changed or cut short)"
            )
        case .archiveIncomplete:
            return (message, "use the archive `viewpoints backup` wrote, copied in full")
        case .wrongPassphrase:
            return (message, "set VIEWPOINTS_BACKUP_PASSPHRASE to the passphrase given to `viewpoints backup`")
        case .invalidRestoreName:
            return (message, "pass --as with a valid slug")
        case .restoreNameTaken:
            return (message, "restore under another name with --as NEWSLUG")
        case .keyFileInTheWay:
            return (message, (hint.map { $0 + ", or " } ?? "") + "restore under another name with --as")
        }
    }

    /// `description` with the program's wording: message, SQLSTATE, detail and hint.
    var text: String {
        let (message, hint) = words
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "\n  detail: \(detail)" }
        if let hint, !hint.isEmpty { text += "\n  hint: \(hint)" }
        return text
    }
}
