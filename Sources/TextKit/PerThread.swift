#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One `Value` per thread, made on the thread's first use and released when the thread ends.
///
/// For caches that stages fill while they run on every core (the stemmer's remembered stems,
/// cluster's facts about each word): each thread has its own, so none is shared or locked, and
/// what one document taught is there for the next document on the same thread. A cache must not
/// change an answer, only its cost: which thread a document lands on varies from run to run.
///
/// ```swift
/// static let seen = PerThread { Counts() }
/// seen.current.words += 1
/// ```
public final class PerThread<Value: AnyObject>: @unchecked Sendable {
    // @unchecked: `key` is written once in init; pthread keys are safe to use from any thread.
    private var key = pthread_key_t()
    private let make: @Sendable () -> Value

    /// Values will be made by `make`. Meant for `static let`: a key lives as long as the process.
    public init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
        // The destructor cannot capture `Value`; releasing needs no type.
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
    }

    /// This thread's value.
    public var current: Value {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Value>.fromOpaque(pointer).takeUnretainedValue()
        }
        let value = make()
        pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque())
        return value
    }
}
