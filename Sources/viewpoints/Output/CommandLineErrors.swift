import ArgumentParser
import Foundation
import ViewpointsCore

/// The command line's own mistakes, worded like every other error (`viewpoints: error: …`).
enum CommandLineErrors {
    /// A refusal for the first word that names no subcommand where one is expected (`viewpoints improt`),
    /// with the closest name; nil when the words are subcommands or the parser should decide.
    static func unknownSubcommand(in arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for argument in arguments {
            let configuration = command.configuration
            guard !configuration.subcommands.isEmpty, configuration.defaultSubcommand == nil,
                !argument.hasPrefix("-"), argument != "help"
            else { return nil }
            var names: [String] = []
            var next: ParsableCommand.Type?
            for subcommand in configuration.subcommands {
                let name = subcommand._commandName
                names.append(name)
                if name == argument || subcommand.configuration.aliases.contains(argument) { next = subcommand }
            }
            if let next {
                command = next
                path.append(argument)
                continue
            }
            let prefix = path.joined(separator: " ")
            var text = "viewpoints: error: '\(argument)' is not a command of '\(prefix)'"
            if let closest = Suggestion.closest(to: argument, in: names) {
                text += "; did you mean '\(prefix) \(closest)'?"
            } else {
                text += "; the commands are: \(names.joined(separator: ", "))"
            }
            return text + " (see '\(prefix) --help')"
        }
        return nil
    }

    /// The parser's message with its `Error:` replaced by `viewpoints: error:`.
    static func worded(_ message: String) -> String {
        message.hasPrefix("Error: ") ? "viewpoints: error: " + message.dropFirst("Error: ".count) : message
    }
}
