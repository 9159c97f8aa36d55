/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference constants): the same seed gives the same
/// sequence on every platform and Swift version, unlike the standard library's generators.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The current state; advanced by the golden-ratio increment before each output.
    public private(set) var state: UInt64

    /// Creates a generator whose first output is mixed from `seed` + 0x9E3779B97F4A7C15.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniform integer in 0 ..< bound by Lemire's multiply-and-reject method (pinned here so that the
    /// draws do not depend on the standard library's `random(in:)`).
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}
