import ViewpointsStore

extension StoreError {
    /// The error as this program says it: Store's message and hint, with the remedy worded for the command line
    /// (commands to run, flags to pass) from `reason`.
    var words: (message: String, hint: String?) {
        guard let reason else { return (message, hint) }
        if let worded = optionWords(reason) { return worded }
        return (message, studyRemedy(reason) ?? setupRemedy(reason) ?? hint)
    }

    /// A refusal of a command-line option, or of running at all, worded with the flag or command: message and hint.
    private func optionWords(_ reason: Reason) -> (message: String, hint: String?)? {
        switch reason {
        case .schemaBehind:
            return (message + ": run `viewpoints db migrate`", hint)
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
        default:
            return nil
        }
    }

    /// The remedy for an error of the connection, a study, access, or the codes, statements, coders and participants
    /// of a study; nil for another reason, or to keep Store's hint.
    private func studyRemedy(_ reason: Reason) -> String? {
        switch reason {
        case .cannotConnect:
            "check --database-url / DATABASE_URL, or leave both unset to use the managed local server"
        case .connectionLost:
            (hint.map { $0 + " " } ?? "") + "(`viewpoints server status`, or check DATABASE_URL)"
        case .studyExists(let slug):
            "choose another slug, or `viewpoints study delete \(slug) --yes` first"
        case .noSuchStudy(let slug, let known):
            known.isEmpty ? "create it with `viewpoints study create \(slug) --title \"…\"`" : nil
        case .noStudyYet:
            "create one with `viewpoints study create SLUG --title \"…\"`"
        case .studyNotNamed:
            "pass --study SLUG or set VIEWPOINTS_STUDY"
        case .hiddenStudy(let slug, let login):
            "an owner grants one with `viewpoints grant --study \(slug) --role lead|coder|analyst --user \(login)`"
        case .needsRole(let study, let role):
            "an owner can grant it: `viewpoints grant --study \(study) --role \(role.rawValue) --user LOGIN`"
        case .noSuchLogin(let login):
            "create it with `viewpoints user add \(login)`"
        case .auditNotIntact(let study):
            "run `viewpoints audit verify --study \(study)` and settle what it reports first"
        case .noSuchCode(let suggestion):
            suggestion == nil ? "`viewpoints export codebook` lists the codes with their short numbers" : nil
        case .themeApplied:
            "`viewpoints export codebook` lists the propositions under each theme"
        case .noSuchStatement:
            (hint.map { $0 + "; " } ?? "") + "`viewpoints export statements` lists them"
        case .noSuchCoder(let name, let study, let known, let suggestion):
            if let suggestion {
                "did you mean '\(suggestion)'? (or add a new coder with `viewpoints coder add \(name)`)"
            } else if known.isEmpty {
                "study \(study) has no coders yet: add one with `viewpoints coder add \(name)`"
            } else {
                "known coders: \(known.joined(separator: ", ")); add a new one with `viewpoints coder add \(name)`"
            }
        case .noSuchParticipant:
            "give the pseudonym as `viewpoints export participants` shows it, e.g. P07"
        case .invalidCoderName:
            "pass --coder NAME (letters, digits, . _ -)"
        case .noParticipantsYet:
            "import them first with `viewpoints import participants FILE`"
        default:
            nil
        }
    }

    /// The remedy for an error of the database roles, the managed server, backup or restore; nil for another reason.
    private func setupRemedy(_ reason: Reason) -> String? {
        switch reason {
        case .cannotCreateRoles(let login):
            "run `viewpoints db roles` once as a superuser, or `ALTER ROLE \(login) CREATEROLE` as one"
        case .notSchemaOwner:
            "run `viewpoints db roles` as the login that ran the migrations, or as a superuser"
        case .noSocketFolder:
            "run `viewpoints server stop`, then any command: a private socket folder is made on start"
        case .tcpConflict:
            "run `viewpoints server stop`, then `viewpoints server start --tcp`"
        case .archiveDamaged:
            (hint.map { $0 + "; " } ?? "")
                + "use an intact copy of the archive `viewpoints backup` wrote (this one was changed or cut short)"
        case .archiveIncomplete:
            "use the archive `viewpoints backup` wrote, copied in full"
        case .wrongPassphrase:
            "set VIEWPOINTS_BACKUP_PASSPHRASE to the passphrase given to `viewpoints backup`"
        case .invalidRestoreName:
            "pass --as with a valid slug"
        case .restoreNameTaken:
            "restore under another name with --as NEWSLUG"
        case .keyFileInTheWay:
            (hint.map { $0 + ", or " } ?? "") + "restore under another name with --as"
        default:
            nil
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
