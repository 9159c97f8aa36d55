/// A participant's position on a proposition, −2 (strongly oppose) … +2 (strongly support); 0 is neutral or mixed.
public struct Stance: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// −2 … 2.
    public let value: Int

    /// The stance with this value, or nil outside −2 … 2.
    public init?(_ value: Int) {
        guard (-2...2).contains(value) else { return nil }
        self.value = value
    }

    public static let stronglyOppose = Stance(-2)!
    public static let oppose = Stance(-1)!
    public static let neutral = Stance(0)!
    public static let support = Stance(1)!
    public static let stronglySupport = Stance(2)!

    /// Every stance, from strongly oppose to strongly support.
    public static let all = (-2...2).map { Stance($0)! }

    /// The words the command line takes, by value.
    public static let words = ["strongly-oppose", "oppose", "neutral", "support", "strongly-support"]
    /// The symbols the command line and the interactive grammar take, by value.
    public static let symbols = ["--", "-", "", "+", "++"]

    /// The word, e.g. `strongly-support`.
    public var word: String { Stance.words[value + 2] }
    /// The symbol, e.g. `++` (empty for neutral).
    public var symbol: String { Stance.symbols[value + 2] }
    /// The integer as files and exports write it.
    public var description: String { String(value) }

    public static func < (a: Stance, b: Stance) -> Bool { a.value < b.value }

    /// Reads a stance from a file: an integer −2 … 2, `+1` and `+2` accepted; nil for anything else.
    public init?(file text: String) {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = 1
        if digits.first == "+" || digits.first == "-" {
            sign = digits.first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        guard digits.count == 1, let digit = digits.first?.wholeNumberValue, digit <= 2 else { return nil }
        self.init(sign * digit)
    }

    /// Reads a stance from a command line: an integer, a word (`strongly-oppose` … `strongly-support`) or a
    /// symbol (`--`, `-`, `0`, `+`, `++`); nil for anything else.
    public init?(argument text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let stance = Stance(file: trimmed) {
            self = stance
        } else if let index = Stance.words.firstIndex(of: trimmed) {
            self.init(index - 2)
        } else if !trimmed.isEmpty, let index = Stance.symbols.firstIndex(of: trimmed) {
            self.init(index - 2)
        } else {
            return nil
        }
    }

    /// What a command line accepts, for error messages.
    public static let accepted =
        "an integer from -2 to 2 (+1 and +2 accepted), a word (strongly-oppose, oppose, neutral, support, "
        + "strongly-support) or a symbol (--, -, 0, +, ++)"
}
