import ArgumentParser
import ViewpointsCore
import ViewpointsStore

// Stance's own `init?(argument:)` reads integers, words and symbols.
extension Stance: ExpressibleByArgument {
    public static var defaultCompletionKind: CompletionKind { .list(Stance.words) }
}

extension CodeReference: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension SampleSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--coder NAME`, required by every coding command.
struct CoderOption: ParsableArguments {
    @Option(help: ArgumentHelp("The coder doing the work (see `viewpoints coder list`).", valueName: "name"))
    var coder: String
}

/// `--coder`, `--study` and `--database-url`: what one scripted coding change needs.
struct ScriptedCodingOptions: ParsableArguments {
    @OptionGroup var coderOption: CoderOption
    @OptionGroup var scope: StudyScope

    /// Runs one change as the coder in the study and prints what it did.
    func run(_ change: (Store, Study, String) throws -> CodingChange) throws {
        print(try scope.withStudy { try change($0, $1, coderOption.coder) })
    }
}
