//! Python's `multiprocessing.Value` and `Array`: numbers that several processes share.
//!
//! The numbers live in an anonymous file (`memfd_create`, Linux): it has no name in any
//! folder, so nothing of it is left once the processes that use it have ended, however they
//! end. The parent and its children each map the file into their memory and see the same
//! bytes. A child reaches the file through the parent's descriptor, `/proc/PARENT/fd/N`: that
//! is the handle the parent passes it (on its command line, or in a pool's initializer), where
//! Python passes the `Value` itself to `Process(args=...)`.
//!
//! Each number is an atomic word, so a read or a write of one is never torn. A read followed by
//! a write is two steps, though, and another process can come in between: that is Listing
//! 6.11's lost update. [`Value::get_lock`] gives the lock that sits beside the number in the
//! same memory, for a read-modify-write that nothing can come between (Python's is a semaphore
//! in shared memory; this one is a word that a process takes with an atomic compare-and-swap,
//! and waits for by yielding its CPU, enough for the few instructions it guards).
//!
//! Crates checked: memmap2 maps the file (the mapping crate the ecosystem uses).
//! shared_memory names its segments in `/dev/shm`, where a killed process leaves them, and
//! raw_sync's cross-process mutexes would add a dependency for one word. In a Rust program of
//! your own, threads share an `Arc<AtomicI32>` or a `Mutex` instead: no mapping, no handle.

use std::fs::{File, OpenOptions};
use std::io;
use std::marker::PhantomData;
use std::os::fd::{FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicU64, Ordering};

use memmap2::{MmapOptions, MmapRaw};

/// A kind of number a [`Value`] or an [`Array`] holds: Python's `'i'` (`i32`) or `'d'` (`f64`),
/// kept in a 64-bit word.
pub trait Number: Copy {
    fn to_word(self) -> u64;
    fn from_word(word: u64) -> Self;
}

impl Number for i32 {
    fn to_word(self) -> u64 {
        u64::from(u32::from_ne_bytes(self.to_ne_bytes()))
    }
    fn from_word(word: u64) -> Self {
        // The word holds what `to_word` put there: 32 bits.
        i32::from_ne_bytes((word as u32).to_ne_bytes())
    }
}

impl Number for f64 {
    fn to_word(self) -> u64 {
        self.to_bits()
    }
    fn from_word(word: u64) -> Self {
        f64::from_bits(word)
    }
}

/// The shared file, mapped: word 0 is the lock, the numbers follow.
struct Memory {
    map: MmapRaw,
    handle: String,
    // Kept open: the handle names this descriptor.
    _file: File,
}

impl Memory {
    fn new(numbers: usize) -> io::Result<Self> {
        // SAFETY: memfd_create reads a NUL-terminated name and returns a new descriptor, or -1.
        let fd =
            unsafe { libc::memfd_create(c"asyncio-in-rust-shared".as_ptr(), libc::MFD_CLOEXEC) };
        if fd == -1 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: the descriptor was just made, and nothing else owns it.
        let file = File::from(unsafe { OwnedFd::from_raw_fd(fd) });
        file.set_len(8 * (1 + numbers as u64))?;
        let handle = format!("/proc/{}/fd/{fd}", std::process::id());
        Self::map(file, handle)
    }

    fn open(handle: &str) -> io::Result<Self> {
        let file = OpenOptions::new().read(true).write(true).open(handle)?;
        Self::map(file, handle.to_owned())
    }

    fn map(file: File, handle: String) -> io::Result<Self> {
        let map = MmapOptions::new().map_raw(&file)?;
        let memory = Memory {
            map,
            handle,
            _file: file,
        };
        // The first touch of a page costs a fault, a thousand times an increment: pay it here.
        memory.words()[0].load(Ordering::Relaxed);
        Ok(memory)
    }

    fn words(&self) -> &[AtomicU64] {
        // SAFETY: the mapping starts on a page boundary (aligned for `AtomicU64`), is `len()`
        // bytes long and lives as long as `self`. Other processes change it too, but only
        // through atomic operations on the same words, which is what `AtomicU64` allows.
        unsafe { std::slice::from_raw_parts(self.map.as_ptr().cast(), self.map.len() / 8) }
    }

    fn lock(&self) -> Lock<'_> {
        let word = &self.words()[0];
        while word
            .compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            std::thread::yield_now();
        }
        Lock(word)
    }

    fn numbers(&self) -> &[AtomicU64] {
        &self.words()[1..]
    }
}

/// The lock of a [`Value`] or an [`Array`], held until it is dropped: the body of Python's
/// `with value.get_lock():`.
#[must_use = "the lock is released when this is dropped"]
pub struct Lock<'a>(&'a AtomicU64);

impl Drop for Lock<'_> {
    fn drop(&mut self) {
        self.0.store(0, Ordering::Release);
    }
}

/// `multiprocessing.Value`: one number in shared memory.
pub struct Value<T> {
    memory: Memory,
    _number: PhantomData<T>,
}

impl<T: Number> Value<T> {
    /// `Value('i', 0)`: a new shared number.
    ///
    /// # Errors
    /// If the shared memory cannot be made.
    pub fn new(value: T) -> io::Result<Self> {
        let memory = Memory::new(1)?;
        memory.numbers()[0].store(value.to_word(), Ordering::SeqCst);
        Ok(Value {
            memory,
            _number: PhantomData,
        })
    }

    /// The shared number a parent's [`Value::handle`] names, in a child.
    ///
    /// # Errors
    /// If the handle names no shared memory this process may open (the parent has ended).
    pub fn open(handle: &str) -> io::Result<Self> {
        Ok(Value {
            memory: Memory::open(handle)?,
            _number: PhantomData,
        })
    }

    /// What a child needs to open this same number: pass it on the child's command line.
    pub fn handle(&self) -> &str {
        &self.memory.handle
    }

    /// `value.value`, read.
    pub fn value(&self) -> T {
        T::from_word(self.memory.numbers()[0].load(Ordering::SeqCst))
    }

    /// `value.value = ...`.
    pub fn set_value(&self, value: T) {
        self.memory.numbers()[0].store(value.to_word(), Ordering::SeqCst);
    }

    /// `value.get_lock()`, taken: nothing else that takes it runs until the guard is dropped.
    pub fn get_lock(&self) -> Lock<'_> {
        self.memory.lock()
    }
}

/// `multiprocessing.Array`: numbers in shared memory.
pub struct Array<T> {
    memory: Memory,
    _number: PhantomData<T>,
}

impl<T: Number> Array<T> {
    /// `Array('i', [0, 0])`: new shared numbers.
    ///
    /// # Errors
    /// If the shared memory cannot be made.
    pub fn new(values: &[T]) -> io::Result<Self> {
        let memory = Memory::new(values.len())?;
        for (word, value) in memory.numbers().iter().zip(values) {
            word.store(value.to_word(), Ordering::SeqCst);
        }
        Ok(Array {
            memory,
            _number: PhantomData,
        })
    }

    /// The shared numbers a parent's [`Array::handle`] names, in a child.
    ///
    /// # Errors
    /// If the handle names no shared memory this process may open (the parent has ended).
    pub fn open(handle: &str) -> io::Result<Self> {
        Ok(Array {
            memory: Memory::open(handle)?,
            _number: PhantomData,
        })
    }

    /// What a child needs to open these same numbers.
    pub fn handle(&self) -> &str {
        &self.memory.handle
    }

    /// How many numbers there are.
    pub fn len(&self) -> usize {
        self.memory.numbers().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `array[index]`.
    ///
    /// # Panics
    /// If `index` is out of range, as Python raises `IndexError`.
    pub fn get(&self, index: usize) -> T {
        T::from_word(self.memory.numbers()[index].load(Ordering::SeqCst))
    }

    /// `array[index] = value`.
    ///
    /// # Panics
    /// If `index` is out of range.
    pub fn set(&self, index: usize, value: T) {
        self.memory.numbers()[index].store(value.to_word(), Ordering::SeqCst);
    }

    /// `array[:]`: the numbers as they are now.
    pub fn to_vec(&self) -> Vec<T> {
        (0..self.len()).map(|index| self.get(index)).collect()
    }
}
