//! The walk over one file's syntax tree, and every rule's check.
//!
//! The rules do not look at a call alone; they look at where it sits. "`std::fs::read`" is
//! fine in a build script and a bug in a request handler; "`sleep(d)`" is fine before a loop
//! and a bug as a `select!` branch inside one. So the walk carries a context down the tree,
//! saying what kind of code we are in:
//!
//! - **async or not**: an `async fn`, an `async` block, and everything a synchronous closure
//!   inside them runs (a closure called from async code runs on the worker), except closures
//!   handed to `spawn_blocking`, `block_in_place` or a thread, which run elsewhere;
//! - **start-up or not**: code that runs once, before or beside the work (`main` and what it
//!   reaches, see [`crate::startup`]), where a runtime is built and a config file read once;
//! - **loops**: how many loops enclose the code in the same async body (a `select!` there
//!   runs again each iteration) and since the function began (a client built there is built
//!   per iteration, even inside a task spawned per iteration);
//! - **once**: inside a `static`, a `OnceLock::get_or_init` or a `Lazy::new`, which run once;
//! - **who calls it**: a method on `self`, an `extern "C"` function or a callback closure
//!   runs per call; a free function might run once.
//!
//! Tests (`#[test]`, `#[tokio::test]`, `#[cfg(test)]` modules) are skipped unless asked for:
//! blocking in a test blocks only the test.

use std::collections::HashSet;

use proc_macro2::{LineColumn, TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, ExprCall, ExprMethodCall};

use crate::macros::{self, Args, Select, Stmts};
use crate::resolve::{self, Imports};

/// A finding before suppressions and configuration are applied.
#[derive(Debug, Clone)]
pub struct RawFinding {
    /// The rule's id.
    pub rule: &'static str,
    /// Where the offending code starts (line 1-based, column 0-based in chars).
    pub start: LineColumn,
    /// Where it ends.
    pub end: LineColumn,
    /// What is wrong, specific to this occurrence.
    pub message: String,
}

/// Runs every rule over one parsed file; `startup` names the crate's start-up functions
/// ([`crate::startup::CallGraph::startup`]).
pub fn analyze(
    file: &syn::File,
    include_tests: bool,
    startup: &HashSet<String>,
) -> Vec<RawFinding> {
    let imports = Imports::of(file);
    let facts = Facts::of(file, &imports);
    let mut analyzer = Analyzer {
        imports: &imports,
        facts: &facts,
        startup,
        ctx: Ctx::default(),
        include_tests,
        findings: Vec::new(),
        capped: HashSet::new(),
    };
    analyzer.visit_file(file);
    analyzer
        .findings
        .sort_by_key(|f| (f.start.line, f.start.column, f.rule));
    // One finding per rule and line: two blocking reads on one line are one thing to fix.
    analyzer
        .findings
        .dedup_by(|a, b| a.rule == b.rule && a.start.line == b.start.line);
    analyzer.findings
}

/// Where the walk is.
#[derive(Debug, Clone, Default)]
struct Ctx {
    is_async: bool,
    /// `main`'s body outside loops and spawned work.
    startup: bool,
    /// Inside a `static`, a once-initialiser, or `lazy_static!`/`thread_local!`.
    once: bool,
    /// The enclosing function takes `self`.
    has_self: bool,
    /// `extern "C"`, `#[no_mangle]` and similar: called from outside, per call.
    extern_like: bool,
    /// The enclosing function returns a runtime it builds: a constructor, judged at its calls.
    returns_runtime: bool,
    /// The enclosing function returns an HTTP client it builds: a factory, judged at its calls.
    returns_client: bool,
    /// Inside a closure that is neither a once-initialiser nor a thread's body.
    callback: bool,
    /// Inside a closure handed to a new thread.
    thread_body: bool,
    /// Loops around this code in the same async body (or function, outside async).
    loop_local: usize,
    /// Loops around this code since the enclosing function began.
    loop_any: usize,
    /// Inside the arguments of a delay (`Duration::from_*`, `sleep`, a `delay`/`backoff` binding).
    delay: bool,
    /// The loop around this code caps what it computes (`min`, `clamp`, a checked operation).
    loop_caps: bool,
    /// The innermost loop's body as tokens, to look for a comparison that caps a variable.
    loop_text: std::rc::Rc<String>,
    /// The value being built is stored (a struct field, an assignment to a field).
    stored: bool,
    /// The next closure is handed to something that calls it per event (a route, a service).
    registration_arg: bool,
    /// The call being visited is the operand of `.await`.
    awaited: bool,
}

/// What the rules need to know about the whole file before walking it.
#[derive(Debug, Default)]
struct Facts {
    /// Functions and methods of this file that return an owned runtime.
    runtime_ctors: HashSet<String>,
    /// Names (locals, parameters, fields) bound to a `tokio::sync::broadcast::Receiver`.
    broadcast_receivers: HashSet<String>,
    /// The file calls `notify_waiters`.
    notify_waiters: bool,
}

impl Facts {
    fn of(file: &syn::File, imports: &Imports) -> Self {
        let mut collector = FactCollector {
            imports,
            facts: Facts::default(),
        };
        collector.visit_file(file);
        collector.facts
    }
}

struct FactCollector<'a> {
    imports: &'a Imports,
    facts: Facts,
}

impl FactCollector<'_> {
    fn is_broadcast_receiver_type(&self, ty: &syn::Type) -> bool {
        let mut found = false;
        walk_type_paths(ty, &mut |path| {
            let resolved = self.imports.resolve(path, |_| false);
            let names: Vec<&str> = resolved.iter().map(String::as_str).collect();
            if names.ends_with(&["broadcast", "Receiver"]) {
                found = true;
            }
        });
        found
    }

    fn note_pattern(&mut self, pat: &syn::Pat, ty: Option<&syn::Type>) {
        if let (syn::Pat::Ident(ident), Some(ty)) = (pat, ty)
            && self.is_broadcast_receiver_type(ty)
        {
            self.facts
                .broadcast_receivers
                .insert(ident.ident.to_string());
        }
    }
}

impl<'ast> Visit<'ast> for FactCollector<'_> {
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.method == "notify_waiters" {
            self.facts.notify_waiters = true;
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_signature(&mut self, sig: &'ast syn::Signature) {
        if returns_owned_runtime(&sig.output) {
            self.facts.runtime_ctors.insert(sig.ident.to_string());
        }
        for input in &sig.inputs {
            if let syn::FnArg::Typed(arg) = input {
                self.note_pattern(&arg.pat, Some(&arg.ty));
            }
        }
        visit::visit_signature(self, sig);
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        if let Some(ident) = &field.ident
            && self.is_broadcast_receiver_type(&field.ty)
        {
            self.facts.broadcast_receivers.insert(ident.to_string());
        }
        visit::visit_field(self, field);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let syn::Pat::Type(typed) = &local.pat {
            self.note_pattern(&typed.pat, Some(&typed.ty));
        }
        if let Some(init) = &local.init {
            let tokens = init.expr.to_token_stream_string();
            let pat = match &local.pat {
                syn::Pat::Type(typed) => &*typed.pat,
                other => other,
            };
            // `let rx = tx.subscribe();` and `let (tx, rx) = broadcast::channel(n);`
            if (tokens.contains(". subscribe ()") || tokens.contains(". resubscribe ()"))
                && let syn::Pat::Ident(ident) = pat
            {
                self.facts
                    .broadcast_receivers
                    .insert(ident.ident.to_string());
            }
            if let Expr::Call(call) = &*init.expr
                && let Expr::Path(path) = &*call.func
            {
                let resolved = self.imports.resolve(&path.path, |_| false);
                if (resolve::is(&resolved, "tokio::sync::broadcast::channel")
                    || resolved.ends_with(&["broadcast".to_string(), "channel".to_string()]))
                    && let syn::Pat::Tuple(tuple) = pat
                    && let Some(syn::Pat::Ident(rx)) = tuple.elems.iter().nth(1)
                {
                    self.facts.broadcast_receivers.insert(rx.ident.to_string());
                }
            }
        }
        visit::visit_local(self, local);
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        for input in &closure.inputs {
            if let syn::Pat::Type(typed) = input {
                self.note_pattern(&typed.pat, Some(&typed.ty));
            }
        }
        visit::visit_expr_closure(self, closure);
    }
}

trait TokensString {
    fn to_token_stream_string(&self) -> String;
}

impl<T: quote::ToTokens> TokensString for T {
    fn to_token_stream_string(&self) -> String {
        self.to_token_stream().to_string()
    }
}

/// Calls `f` on every path inside a type (`Option<broadcast::Receiver<T>>` → both paths).
fn walk_type_paths(ty: &syn::Type, f: &mut dyn FnMut(&syn::Path)) {
    struct Paths<'f>(&'f mut dyn FnMut(&syn::Path));
    impl<'ast> Visit<'ast> for Paths<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            (self.0)(path);
            visit::visit_path(self, path);
        }
    }
    Paths(f).visit_type(ty);
}

/// `-> Runtime`, `-> io::Result<Runtime>`: not `-> &Runtime`, not `-> Handle`.
fn returns_owned_runtime(output: &syn::ReturnType) -> bool {
    let syn::ReturnType::Type(_, ty) = output else {
        return false;
    };
    fn owned(ty: &syn::Type) -> bool {
        match ty {
            syn::Type::Path(path) => path.path.segments.iter().any(|segment| {
                segment.ident == "Runtime"
                    || match &segment.arguments {
                        syn::PathArguments::AngleBracketed(args) => {
                            args.args.iter().any(|arg| match arg {
                                syn::GenericArgument::Type(ty) => owned(ty),
                                _ => false,
                            })
                        }
                        _ => false,
                    }
            }),
            syn::Type::Paren(inner) => owned(&inner.elem),
            syn::Type::Tuple(tuple) => tuple.elems.iter().any(owned),
            _ => false,
        }
    }
    owned(ty)
}

/// Calls that block the calling thread, by full path.
const BLOCKING_CALLS: &[&str] = &[
    "std::thread::sleep",
    "std::net::TcpStream::connect",
    "std::net::TcpStream::connect_timeout",
    "std::net::TcpListener::accept",
    "futures::executor::block_on",
    "futures::executor::block_on_stream",
    "futures_executor::block_on",
    "futures_lite::future::block_on",
    "pollster::block_on",
    "async_std::task::block_on",
    "tokio::runtime::Handle::block_on",
    "tokio::runtime::Runtime::block_on",
];

/// Everything under these paths does blocking I/O when called.
const BLOCKING_PREFIXES: &[&str] = &["std::fs", "reqwest::blocking"];

/// Under `std::fs` but not I/O: building a value.
const NOT_IO_UNDER_FS: &[&str] = &["Permissions", "FileType", "FileTimes", "DirBuilder"];

/// Functions whose closure argument runs off the async worker.
const OFFLOAD_CALLS: &[&str] = &[
    "tokio::task::spawn_blocking",
    "tokio::task::block_in_place",
    "std::thread::spawn",
    "std::thread::scope",
    "rayon::spawn",
    "rayon::scope",
    "async_std::task::spawn_blocking",
    "blocking::unblock",
];

/// The last segment of an offloading call when it is written unqualified after a glob, or
/// as a method on a handle (`handle.spawn_blocking(..)`).
const OFFLOAD_NAMES: &[&str] = &["spawn_blocking", "block_in_place", "unblock"];

const RUNTIME_NEW: &[&str] = &[
    "tokio::runtime::Runtime::new",
    // tokio 0.1 and 0.2
    "tokio::runtime::current_thread::Runtime::new",
];
const RUNTIME_BUILDERS: &[&str] = &[
    "tokio::runtime::Builder::new_multi_thread",
    "tokio::runtime::Builder::new_current_thread",
    // tokio 0.2
    "tokio::runtime::Builder::new",
];

const UNBOUNDED: &[&str] = &[
    "tokio::sync::mpsc::unbounded_channel",
    "futures::channel::mpsc::unbounded",
    "async_channel::unbounded",
    "flume::unbounded",
];

const CLIENTS: &[&str] = &[
    "reqwest::Client::new",
    "reqwest::Client::builder",
    "reqwest::ClientBuilder::new",
    "reqwest::get",
    "hyper::Client::new",
    "hyper::Client::builder",
    "hyper_util::client::legacy::Client::builder",
    "surf::Client::new",
    "isahc::HttpClient::new",
];

const SPAWNS: &[&str] = &[
    "tokio::spawn",
    "tokio::task::spawn",
    "tokio::task::spawn_local",
    "async_std::task::spawn",
];

const TIMERS: &[&str] = &[
    "tokio::time::sleep",
    "tokio::time::sleep_until",
    "tokio::time::delay_for",
    "tokio::time::delay_until",
    "async_std::task::sleep",
    "futures_timer::Delay::new",
];

const SHUTDOWN_SIGNALS: &[&str] = &["tokio::signal::ctrl_c", "tokio::signal::unix::signal"];

/// tokio documents these as not cancel safe: dropped half-way, they lose what they read.
const CANCEL_UNSAFE_METHODS: &[&str] = &[
    "read_exact",
    "read_to_end",
    "read_to_string",
    "write_all",
    "write_all_buf",
    "read_line",
    "read_until",
];

/// Names under which code keeps a retry delay.
const DELAY_WORDS: &[&str] = &[
    "delay", "backoff", "wait", "sleep", "interval", "timeout", "retry",
];

/// Calls whose arguments are a delay.
const DELAY_CALLS: &[&str] = &[
    "from_millis",
    "from_secs",
    "from_micros",
    "from_nanos",
    "from_secs_f64",
    "from_secs_f32",
    "sleep",
    "timeout",
];

/// Methods whose closure runs at most once.
const ONCE_METHODS: &[&str] = &[
    "get_or_init",
    "get_or_try_init",
    "get_or",
    "get_or_try",
    "call_once",
    "get_or_insert_with",
    "unwrap_or_else",
    "or_else",
    "ok_or_else",
    "map_or_else",
];

/// Calls that register a closure to run per request or per event.
const REGISTRATIONS: &[&str] = &[
    "service_fn",
    "make_service_fn",
    "fn_service",
    "route",
    "get",
    "post",
    "put",
    "delete",
    "patch",
    "any",
    "handler",
    "for_each",
    "for_each_concurrent",
    "then",
    "on_request",
    "register",
    "set_callback",
];

fn is_known_target(path: &[String]) -> bool {
    [
        BLOCKING_CALLS,
        RUNTIME_NEW,
        RUNTIME_BUILDERS,
        UNBOUNDED,
        CLIENTS,
        SPAWNS,
        TIMERS,
        SHUTDOWN_SIGNALS,
        OFFLOAD_CALLS,
    ]
    .iter()
    .any(|list| list.iter().any(|target| resolve::is(path, target)))
}

struct Analyzer<'a> {
    imports: &'a Imports,
    facts: &'a Facts,
    startup: &'a HashSet<String>,
    ctx: Ctx,
    include_tests: bool,
    findings: Vec<RawFinding>,
    /// Locals of the current function whose value was capped (`let n = attempt.min(8)`).
    capped: HashSet<String>,
}

impl Analyzer<'_> {
    fn with(&mut self, ctx: Ctx, f: impl FnOnce(&mut Self)) {
        let saved = std::mem::replace(&mut self.ctx, ctx);
        f(self);
        self.ctx = saved;
    }

    fn report(&mut self, rule: &'static str, node: &dyn Spanned, message: String) {
        let span = node.span();
        self.findings.push(RawFinding {
            rule,
            start: span.start(),
            end: span.end(),
            message,
        });
    }

    fn resolve(&self, path: &syn::Path) -> Vec<String> {
        self.imports.resolve(path, is_known_target)
    }

    /// The full path of a call's callee, when it is a path.
    fn callee(&self, call: &ExprCall) -> Option<Vec<String>> {
        match &*call.func {
            Expr::Path(path) => Some(self.resolve(&path.path)),
            _ => None,
        }
    }

    fn skip_test(&self, attrs: &[syn::Attribute]) -> bool {
        !self.include_tests && is_test(attrs)
    }

    fn function(&mut self, sig: &syn::Signature, attrs: &[syn::Attribute], block: &syn::Block) {
        if self.skip_test(attrs) {
            return;
        }
        let is_main = sig.ident == "main" || self.startup.contains(&sig.ident.to_string());
        let ctx = Ctx {
            is_async: sig.asyncness.is_some(),
            startup: is_main,
            // `&self` methods run per call; `fn run(self)` consumes its value and runs once.
            has_self: sig.receiver().is_some_and(|r| r.reference.is_some()),
            extern_like: sig.abi.is_some() || attrs.iter().any(is_foreign_entry),
            returns_runtime: returns_owned_runtime(&sig.output),
            // `fn delay(&self, attempt: u32) -> Duration`: its body computes a delay.
            delay: is_delay_name(&sig.ident.to_string())
                || matches!(&sig.output, syn::ReturnType::Type(_, ty)
                    if ty.to_token_stream_string().split(|c: char| !c.is_alphanumeric()).any(|w| w == "Duration")),
            returns_client: matches!(&sig.output, syn::ReturnType::Type(_, ty)
                if ty.to_token_stream_string().split(|c: char| !c.is_alphanumeric()).any(|w| w.contains("Client"))),
            ..Ctx::default()
        };
        let capped = std::mem::take(&mut self.capped);
        self.with(ctx, |this| this.visit_block(block));
        self.capped = capped;
    }

    fn in_loop(&mut self, body: &syn::Block, f: impl FnOnce(&mut Self)) {
        let text = body.to_token_stream_string();
        let caps = mentions_cap(&text);
        let mut ctx = self.ctx.clone();
        ctx.loop_text = std::rc::Rc::new(text);
        ctx.loop_local += 1;
        ctx.loop_any += 1;
        ctx.startup = false;
        ctx.loop_caps = caps;
        self.with(ctx, f);
    }

    // ---- blocking-in-async ----

    fn check_blocking_path(&mut self, path: &[String], node: &dyn Spanned) {
        if !self.ctx.is_async || self.ctx.startup || self.ctx.awaited {
            return;
        }
        let shown = path.join("::");
        let blocking = BLOCKING_CALLS.iter().any(|t| resolve::is(path, t))
            || BLOCKING_PREFIXES.iter().any(|prefix| {
                resolve::starts_with(path, prefix)
                    && !path.iter().any(|s| NOT_IO_UNDER_FS.contains(&s.as_str()))
            });
        if blocking {
            self.report(
                "blocking-in-async",
                node,
                format!("`{shown}` blocks the worker thread inside async code"),
            );
        }
    }

    fn check_block_on_method(&mut self, call: &ExprMethodCall) {
        if call.method == "block_on" && self.ctx.is_async && !self.ctx.startup {
            self.report(
                "blocking-in-async",
                call,
                "`block_on` inside async code blocks the worker (and panics on a Tokio runtime)"
                    .into(),
            );
        }
    }

    /// `std::process::Command::new(..)...output()` waits for the child on the worker.
    fn check_process_wait(&mut self, call: &ExprMethodCall) {
        if !self.ctx.is_async || self.ctx.startup {
            return;
        }
        if !matches!(call.method.to_string().as_str(), "output" | "status") {
            return;
        }
        if let Some(root) = chain_root(&call.receiver)
            && let Some(path) = self.callee(root)
            && resolve::is(&path, "std::process::Command::new")
        {
            self.report(
                "blocking-in-async",
                call,
                format!(
                    "`std::process::Command::{}` waits for the child process on the worker thread",
                    call.method
                ),
            );
        }
    }

    // ---- runtime-per-call ----

    fn per_call(&self) -> bool {
        let ctx = &self.ctx;
        !ctx.once
            && !ctx.startup
            && !ctx.returns_runtime
            && !ctx.stored
            && !ctx.thread_body
            && (ctx.loop_any > 0 || ctx.has_self || ctx.extern_like || ctx.callback)
    }

    fn where_per_call(&self) -> &'static str {
        let ctx = &self.ctx;
        if ctx.loop_any > 0 {
            "inside a loop"
        } else if ctx.callback {
            "inside a closure that runs per call"
        } else if ctx.extern_like {
            "in a function called from outside (per call)"
        } else {
            "in a method, which runs per call"
        }
    }

    fn check_runtime(&mut self, node: &dyn Spanned, what: &str) {
        if self.per_call() {
            let place = self.where_per_call();
            self.report(
                "runtime-per-call",
                node,
                format!("{what} builds a Tokio runtime {place}, not once at start-up"),
            );
        }
    }

    // ---- select! branches ----

    fn check_branch(&mut self, future: &Expr, handler: &Expr, others_continue: bool) {
        let future = strip(future);
        if self.ctx.loop_local == 0 {
            return;
        }
        // timers-in-loops
        if let Expr::Call(call) = future
            && let Some(path) = self.callee(call)
        {
            // A deadline computed outside (`sleep_until(when)`) is the same deadline when
            // rebuilt; `sleep_until(Instant::now() + d)` is a fresh one.
            let absolute = path.last().is_some_and(|l| l.ends_with("_until"))
                && !call.to_token_stream_string().contains("now");
            // A branch that leaves the loop is an idle timeout: being reset by activity is
            // what it is for.
            if TIMERS.iter().any(|t| resolve::is(&path, t)) && !absolute && !exits(handler) {
                self.report(
                        "timers-in-loops",
                        future,
                        format!(
                            "`{}` is created anew each time the loop runs this `select!`: it fires only after a quiet spell as long as itself",
                            path.join("::")
                        ),
                    );
            }
            if resolve::is(&path, "tokio::signal::ctrl_c") {
                self.report(
                        "graceful-shutdown",
                        future,
                        "`ctrl_c()` is recreated on every iteration of this `select!` loop; a Ctrl-C that arrives between iterations is not seen".into(),
                    );
            }
        }
        if let Expr::MethodCall(call) = future {
            let method = call.method.to_string();
            if method == "tick"
                && let Expr::Call(inner) = strip(&call.receiver)
                && let Some(path) = self.callee(inner)
                && resolve::is(&path, "tokio::time::interval")
            {
                self.report(
                                "timers-in-loops",
                                future,
                                "an `interval` built inside the `select!` loop restarts every iteration; its first tick is immediate".into(),
                            );
            }
            // With `notify_one` a permit is stored and nothing is missed; only wake-ups sent
            // with `notify_waiters` are lost between iterations.
            if method == "notified" && call.args.is_empty() && self.facts.notify_waiters {
                self.report(
                    "graceful-shutdown",
                    future,
                    "`notified()` is recreated on every iteration of this `select!` loop; a `notify_waiters` sent between iterations is missed".into(),
                );
            }
            if method == "recv"
                && let Some(path) = chain_root(&call.receiver).and_then(|root| self.callee(root))
                && resolve::is(&path, "tokio::signal::unix::signal")
            {
                self.report(
                            "graceful-shutdown",
                            future,
                            "a signal listener is recreated on every iteration of this `select!` loop; a signal between iterations is missed".into(),
                        );
            }
        }
        // cancel-safety: the call itself, or an async block that starts by awaiting it.
        if let Some(call) = cancel_unsafe_call(future).filter(|_| others_continue) {
            self.report(
                "cancel-safety",
                future,
                format!(
                    "`{}` is not cancel safe: when another branch wins, what it has read so far is lost",
                    call.method
                ),
            );
        }
    }

    // ---- broadcast-lagged ----

    fn is_broadcast(&self, receiver: &Expr) -> bool {
        match strip(receiver) {
            Expr::Path(path) => path
                .path
                .get_ident()
                .is_some_and(|i| self.facts.broadcast_receivers.contains(&i.to_string())),
            Expr::Field(field) => match &field.member {
                syn::Member::Named(name) => {
                    self.facts.broadcast_receivers.contains(&name.to_string())
                }
                syn::Member::Unnamed(_) => false,
            },
            Expr::MethodCall(call) => call.method == "subscribe" || call.method == "resubscribe",
            _ => false,
        }
    }

    /// `X.recv().await` where `X` is a broadcast receiver.
    fn broadcast_recv<'e>(&self, expr: &'e Expr) -> Option<&'e ExprMethodCall> {
        let Expr::Await(awaited) = strip(expr) else {
            return None;
        };
        let Expr::MethodCall(call) = strip(&awaited.base) else {
            return None;
        };
        (call.method == "recv" && call.args.is_empty() && self.is_broadcast(&call.receiver))
            .then_some(call)
    }

    /// `res = rx.recv() => { let m = res?; .. }` in a `select!` loop: `?` ends the loop on
    /// `Lagged` too.
    fn check_broadcast_branch(&mut self, branch: &macros::Branch) {
        if self.ctx.loop_local == 0 {
            return;
        }
        let Expr::MethodCall(call) = strip(&branch.future) else {
            return;
        };
        if call.method != "recv" || !call.args.is_empty() || !self.is_broadcast(&call.receiver) {
            return;
        }
        let Some(bound) = &branch.binding else {
            return;
        };
        let handler = branch.handler.to_token_stream_string();
        if handler.to_ascii_lowercase().contains("lagged") {
            return;
        }
        if let Some(place) = try_on(&branch.handler, bound) {
            self.report(
                "broadcast-lagged",
                place,
                format!(
                    "`{bound}?` ends the receive loop on `RecvError::Lagged` as well as on `Closed`"
                ),
            );
        }
    }

    /// `rx.recv().await?` in a loop on a broadcast receiver.
    fn check_broadcast_try(&mut self, expr: &syn::ExprTry) {
        if self.ctx.loop_local > 0 && self.broadcast_recv(&expr.expr).is_some() {
            self.report(
                "broadcast-lagged",
                expr,
                "`recv().await?` ends the receive loop on `RecvError::Lagged` as well as on `Closed`".into(),
            );
        }
    }

    // ---- detached-tasks ----

    fn check_detached(&mut self, expr: &Expr) {
        let Expr::Call(call) = strip(expr) else {
            return;
        };
        let Some(path) = self.callee(call) else {
            return;
        };
        if !SPAWNS.iter().any(|s| resolve::is(&path, s)) {
            return;
        }
        if let Some(Expr::Async(task)) = call.args.first()
            && returns_result(&task.block)
        {
            self.report(
                    "detached-tasks",
                    call,
                    "the task returns a `Result`, but its `JoinHandle` is dropped: when it fails, nobody hears of it".into(),
                );
        }
    }

    // ---- retry-backoff ----

    /// The loop caps `name`: a `min`/`clamp` in sight, or a comparison of `name` with a bound.
    fn capped_in_loop(&self, name: &str) -> bool {
        let text = &self.ctx.loop_text;
        self.ctx.loop_caps
            || [">", ">=", "<", "<="].iter().any(|op| {
                text.contains(&format!("{name} {op} ")) || text.contains(&format!(" {op} {name}"))
            })
    }

    fn uncapped(&self, exponent: &Expr) -> bool {
        match strip(exponent) {
            Expr::Lit(_) => false,
            Expr::Path(path) => path
                .path
                .get_ident()
                .is_none_or(|i| !self.capped.contains(&i.to_string())),
            other => !mentions_cap(&other.to_token_stream_string()),
        }
    }
}

impl<'ast> Visit<'ast> for Analyzer<'_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.sig, &item.attrs, &item.block);
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.sig, &item.attrs, &item.block);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            self.function(&item.sig, &item.attrs, block);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if self.skip_test(&item.attrs) {
            return;
        }
        visit::visit_item_mod(self, item);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if self.skip_test(&item.attrs) {
            return;
        }
        visit::visit_item_impl(self, item);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        let ctx = Ctx {
            once: true,
            ..Ctx::default()
        };
        self.with(ctx, |this| visit::visit_item_static(this, item));
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        let ctx = Ctx {
            once: true,
            ..Ctx::default()
        };
        self.with(ctx, |this| visit::visit_item_const(this, item));
    }

    fn visit_expr_async(&mut self, block: &'ast syn::ExprAsync) {
        let mut ctx = self.ctx.clone();
        ctx.is_async = true;
        ctx.startup = false;
        ctx.loop_local = 0;
        self.with(ctx, |this| visit::visit_expr_async(this, block));
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        let mut ctx = self.ctx.clone();
        if closure.asyncness.is_some() {
            ctx.is_async = true;
        }
        if !ctx.once && ctx.registration_arg {
            ctx.callback = true;
        }
        ctx.registration_arg = false;
        ctx.startup = false;
        ctx.loop_local = 0;
        self.with(ctx, |this| visit::visit_expr_closure(this, closure));
    }

    fn visit_expr_await(&mut self, expr: &'ast syn::ExprAwait) {
        // An awaited call is an async API, whatever its name resolved to.
        let mut ctx = self.ctx.clone();
        ctx.awaited = true;
        match &*expr.base {
            Expr::Call(call) => self.with(ctx, |this| this.visit_expr_call(call)),
            Expr::MethodCall(call) => self.with(ctx, |this| this.visit_expr_method_call(call)),
            other => self.visit_expr(other),
        }
    }

    fn visit_expr_loop(&mut self, expr: &'ast syn::ExprLoop) {
        self.in_loop(&expr.body, |this| this.visit_block(&expr.body));
    }

    fn visit_expr_while(&mut self, expr: &'ast syn::ExprWhile) {
        // broadcast-lagged: `while let Ok(..) = rx.recv().await`
        if let Expr::Let(cond) = &*expr.cond
            && is_ok_pattern(&cond.pat)
            && let Some(call) = self.broadcast_recv(&cond.expr)
        {
            self.report(
                        "broadcast-lagged",
                        &*expr.cond,
                        format!(
                            "`while let Ok(..) = {}.recv().await` stops at the first `RecvError::Lagged`, although the channel is still open",
                            call.receiver.to_token_stream_string().replace(' ', "")
                        ),
                    );
        }
        self.in_loop(&expr.body, |this| {
            this.visit_expr(&expr.cond);
            this.visit_block(&expr.body);
        });
    }

    fn visit_expr_for_loop(&mut self, expr: &'ast syn::ExprForLoop) {
        self.visit_expr(&expr.expr);
        // A `for` walks a finite collection: in start-up code (binding each configured
        // listener, probing a list of ports) it is still start-up. Servers run forever in
        // `loop` and `while`, which end start-up.
        let startup = self.ctx.startup;
        self.in_loop(&expr.body, |this| {
            this.ctx.startup = startup;
            this.visit_block(&expr.body);
        });
    }

    fn visit_expr_try(&mut self, expr: &'ast syn::ExprTry) {
        self.check_broadcast_try(expr);
        visit::visit_expr_try(self, expr);
    }

    fn visit_expr_match(&mut self, expr: &'ast syn::ExprMatch) {
        // broadcast-lagged: `match rx.recv().await { Ok(..) => .., Err(_) => break }`
        if self.ctx.loop_local > 0 && self.broadcast_recv(&expr.expr).is_some() {
            let quits = expr.arms.iter().find(|arm| {
                is_catch_all_err(&arm.pat) && leaves_loop(&arm.body) && arm.guard.is_none()
            });
            if let Some(arm) = quits {
                self.report(
                    "broadcast-lagged",
                    &arm.pat,
                    "this arm ends the receive loop on any error, `RecvError::Lagged` included, although the channel is still open".into(),
                );
            }
        }
        visit::visit_expr_match(self, expr);
    }

    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        match stmt {
            syn::Stmt::Expr(expr, Some(_)) => self.check_detached(expr),
            syn::Stmt::Local(local) => {
                if let (syn::Pat::Wild(_), Some(init)) = (&local.pat, &local.init) {
                    self.check_detached(&init.expr);
                }
            }
            _ => {}
        }
        visit::visit_stmt(self, stmt);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let name = pattern_name(&local.pat);
        if let (Some(name), Some(init)) = (&name, &local.init)
            && mentions_cap(&init.expr.to_token_stream_string())
        {
            self.capped.insert(name.clone());
        }
        let delay = name.as_deref().is_some_and(is_delay_name);
        if delay {
            let mut ctx = self.ctx.clone();
            ctx.delay = true;
            self.with(ctx, |this| visit::visit_local(this, local));
        } else {
            visit::visit_local(self, local);
        }
    }

    fn visit_expr_assign(&mut self, expr: &'ast syn::ExprAssign) {
        let target = expr_name(&expr.left);
        let mut ctx = self.ctx.clone();
        if matches!(&*expr.left, Expr::Field(_)) {
            ctx.stored = true;
        }
        if let Some(name) = &target
            && is_delay_name(name)
        {
            ctx.delay = true;
            // `delay = delay * 2` in a loop with no cap in sight.
            if let Expr::Binary(bin) = strip(&expr.right)
                && matches!(bin.op, syn::BinOp::Mul(_))
                && expr_name(&bin.left).as_ref() == Some(name)
                && self.ctx.loop_any > 0
                && !self.capped_in_loop(name)
            {
                self.report(
                            "retry-backoff",
                            expr,
                            format!("`{name}` is multiplied on every iteration with no cap: it grows without bound and `Duration` multiplication panics on overflow"),
                        );
            }
        }
        self.with(ctx, |this| visit::visit_expr_assign(this, expr));
    }

    fn visit_expr_binary(&mut self, expr: &'ast syn::ExprBinary) {
        match expr.op {
            syn::BinOp::MulAssign(_) => {
                if let Some(name) = expr_name(&expr.left)
                    && is_delay_name(&name)
                    && self.ctx.loop_any > 0
                    && !self.capped_in_loop(&name)
                {
                    self.report(
                            "retry-backoff",
                            expr,
                            format!("`{name} *= ..` on every iteration with no cap: it grows without bound and `Duration` multiplication panics on overflow"),
                        );
                }
            }
            syn::BinOp::Shl(_) if self.ctx.delay && self.uncapped(&expr.right) => {
                self.report(
                    "retry-backoff",
                    expr,
                    "a delay computed with `<<` and an uncapped shift: it overflows once the attempt count passes the integer's width".into(),
                );
            }
            _ => {}
        }
        visit::visit_expr_binary(self, expr);
    }

    fn visit_field_value(&mut self, field: &'ast syn::FieldValue) {
        let mut ctx = self.ctx.clone();
        ctx.stored = true;
        self.with(ctx, |this| visit::visit_field_value(this, field));
    }

    fn visit_expr_call(&mut self, call: &'ast ExprCall) {
        let awaited = std::mem::take(&mut self.ctx.awaited);
        let Some(path) = self.callee(call) else {
            visit::visit_expr_call(self, call);
            return;
        };
        let registration =
            REGISTRATIONS.contains(&path.last().map(String::as_str).unwrap_or_default());
        let last = path.last().map(String::as_str).unwrap_or_default();
        // Closures handed to a thread or the blocking pool run off the worker.
        let offload = OFFLOAD_CALLS.iter().any(|t| resolve::is(&path, t))
            || (path.len() == 1 && OFFLOAD_NAMES.contains(&last));
        if offload {
            let mut ctx = self.ctx.clone();
            ctx.is_async = false;
            ctx.thread_body = true;
            self.visit_expr(&call.func);
            self.with(ctx, |this| {
                for arg in &call.args {
                    match arg {
                        // The closure's own body: not a callback, just another thread.
                        Expr::Closure(closure) => this.visit_expr(&closure.body),
                        other => this.visit_expr(other),
                    }
                }
            });
            return;
        }
        self.ctx.awaited = awaited;
        self.check_blocking_path(&path, call);
        self.ctx.awaited = false;
        // `asyncify(move || std::fs::read(p)).await`: a function that takes a synchronous
        // closure and returns a future runs the closure elsewhere (a blocking pool).
        if awaited
            && call
                .args
                .iter()
                .any(|a| matches!(a, Expr::Closure(c) if c.asyncness.is_none()))
        {
            let mut ctx = self.ctx.clone();
            ctx.is_async = false;
            ctx.thread_body = true;
            self.with(ctx, |this| visit::visit_expr_call(this, call));
            return;
        }
        if RUNTIME_NEW.iter().any(|t| resolve::is(&path, t)) {
            self.check_runtime(call, "`Runtime::new()`");
        }
        if UNBOUNDED.iter().any(|t| resolve::is(&path, t)) {
            self.report(
                "unbounded-channels",
                call,
                format!(
                    "`{}` never makes the sender wait: when the consumer falls behind, the queue grows without bound",
                    path.join("::")
                ),
            );
        }
        let method_per_call = self.ctx.has_self && !self.ctx.returns_client && !self.ctx.startup;
        if CLIENTS.iter().any(|t| resolve::is(&path, t))
            && !self.ctx.once
            && !self.ctx.stored
            && (self.ctx.loop_any > 0 || self.ctx.callback || method_per_call)
        {
            let place = if self.ctx.loop_any > 0 {
                "inside a loop"
            } else if self.ctx.callback {
                "inside a closure that runs per call"
            } else {
                "in a method, which runs per call"
            };
            self.report(
                "client-per-request",
                call,
                format!(
                    "`{}` builds a new HTTP client (its own connection pool) {place}",
                    path.join("::")
                ),
            );
        }
        // A constructor of this file that returns a fresh runtime (`fn build() -> Runtime`).
        let local_ctor = match path.as_slice() {
            [name] => self.facts.runtime_ctors.contains(name),
            [first, name] if first == "Self" => self.facts.runtime_ctors.contains(name),
            _ => false,
        };
        if local_ctor {
            self.check_runtime(call, &format!("`{last}()`"));
        }
        // Lazy::new(|| ..), LazyLock::new(|| ..): once.
        let once = matches!(path.as_slice(), [.., ty, new] if new == "new" && matches!(ty.as_str(), "Lazy" | "LazyLock" | "LazyCell"));
        let delay = DELAY_CALLS.contains(&last);
        if once || delay || registration {
            let mut ctx = self.ctx.clone();
            ctx.once |= once;
            ctx.delay |= delay;
            ctx.registration_arg = registration;
            self.with(ctx, |this| visit::visit_expr_call(this, call));
        } else {
            visit::visit_expr_call(self, call);
        }
    }

    fn visit_expr_method_call(&mut self, call: &'ast ExprMethodCall) {
        self.ctx.awaited = false;
        let method = call.method.to_string();
        // `std::thread::Builder::new().name(..).spawn(|| ..)`: a thread's body.
        let thread_builder = method == "spawn"
            && chain_root(&call.receiver)
                .and_then(|root| self.callee(root))
                .is_some_and(|path| resolve::is(&path, "std::thread::Builder::new"));
        if OFFLOAD_NAMES.contains(&method.as_str()) || thread_builder {
            self.visit_expr(&call.receiver);
            let mut ctx = self.ctx.clone();
            ctx.is_async = false;
            ctx.thread_body = true;
            self.with(ctx, |this| {
                for arg in &call.args {
                    this.visit_expr(arg);
                }
            });
            return;
        }
        self.check_block_on_method(call);
        self.check_process_wait(call);
        if method == "build"
            && let Some(root) = chain_root(&call.receiver)
            && let Some(path) = self.callee(root)
            && RUNTIME_BUILDERS.iter().any(|t| resolve::is(&path, t))
        {
            self.check_runtime(call, "`Builder::..().build()`");
        }
        if self.facts.runtime_ctors.contains(&method)
            && matches!(strip(&call.receiver), Expr::Path(p) if p.path.is_ident("self"))
        {
            self.check_runtime(call, &format!("`self.{method}()`"));
        }
        if method == "pow"
            && self.ctx.delay
            && let Some(exponent) = call.args.first()
            && self.uncapped(exponent)
        {
            self.report(
                        "retry-backoff",
                        call,
                        "a delay computed with an unchecked `pow` and an uncapped exponent: it overflows (a panic in debug builds) after a few dozen attempts".into(),
                    );
        }
        let once = ONCE_METHODS.contains(&method.as_str());
        let delay = DELAY_CALLS.contains(&method.as_str());
        let registration = REGISTRATIONS.contains(&method.as_str());
        if once || delay || registration {
            let mut ctx = self.ctx.clone();
            ctx.once |= once;
            ctx.delay |= delay;
            ctx.registration_arg = registration;
            self.with(ctx, |this| visit::visit_expr_method_call(this, call));
        } else {
            visit::visit_expr_method_call(self, call);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        match macros::kind(mac) {
            macros::Kind::Select => {
                if let Ok(select) = mac.parse_body::<Select>() {
                    for (index, branch) in select.branches.iter().enumerate() {
                        // A cancelled branch loses data only if the loop goes round again:
                        // when every other branch leaves the loop, nothing reads on.
                        let others_continue = select
                            .branches
                            .iter()
                            .enumerate()
                            .any(|(i, other)| i != index && !exits(&other.handler));
                        self.check_branch(&branch.future, &branch.handler, others_continue);
                        self.check_broadcast_branch(branch);
                        self.visit_expr(&branch.future);
                        if let Some(condition) = &branch.condition {
                            self.visit_expr(condition);
                        }
                        self.visit_expr(&branch.handler);
                    }
                    if let Some(otherwise) = &select.otherwise {
                        self.visit_expr(otherwise);
                    }
                }
            }
            macros::Kind::Join | macros::Kind::Other => {
                let mut ctx = self.ctx.clone();
                if matches!(name.as_str(), "lazy_static" | "thread_local" | "lazy") {
                    ctx.once = true;
                }
                self.with(ctx, |this| {
                    if let Ok(args) = mac.parse_body::<Args>() {
                        for arg in &args.0 {
                            this.visit_expr(arg);
                        }
                    } else if let Ok(stmts) = mac.parse_body::<Stmts>() {
                        for stmt in &stmts.0 {
                            this.visit_stmt(stmt);
                        }
                    } else if let Ok(file) = syn::parse2::<syn::File>(mac.tokens.clone()) {
                        // Item-like bodies: `lazy_static! { static ref X: T = ..; }` does not
                        // parse as items, but macros full of `fn`s do.
                        this.visit_file(&file);
                    }
                });
            }
        }
    }
}

/// Strips what does not change which future a branch waits on: `&mut`, parentheses,
/// `.fuse()`, `Box::pin(..)`.
pub(crate) fn strip(expr: &Expr) -> &Expr {
    match expr {
        Expr::Reference(r) => strip(&r.expr),
        Expr::Paren(p) => strip(&p.expr),
        Expr::Group(g) => strip(&g.expr),
        Expr::MethodCall(m) if m.method == "fuse" && m.args.is_empty() => strip(&m.receiver),
        _ => expr,
    }
}

/// The call a method chain starts from: `Builder::new_multi_thread()` in
/// `Builder::new_multi_thread().enable_all().build()`.
fn chain_root(expr: &Expr) -> Option<&ExprCall> {
    match strip(expr) {
        Expr::MethodCall(m) => chain_root(&m.receiver),
        Expr::Try(t) => chain_root(&t.expr),
        Expr::Call(call) => Some(call),
        _ => None,
    }
}

/// The cancel-unsafe method call a branch future is, or starts by awaiting.
fn cancel_unsafe_call(future: &Expr) -> Option<&ExprMethodCall> {
    match strip(future) {
        Expr::MethodCall(m) if CANCEL_UNSAFE_METHODS.contains(&m.method.to_string().as_str()) => {
            Some(m)
        }
        Expr::Async(block) => {
            let first = block.block.stmts.first()?;
            let expr = match first {
                syn::Stmt::Expr(expr, _) => expr,
                syn::Stmt::Local(local) => &local.init.as_ref()?.expr,
                _ => return None,
            };
            let mut expr = expr;
            while let Expr::Try(t) = expr {
                expr = &t.expr;
            }
            let Expr::Await(awaited) = expr else {
                return None;
            };
            cancel_unsafe_call(&awaited.base)
        }
        _ => None,
    }
}

/// `#[test]`, `#[tokio::test]`, `#[bench]`, `#[cfg(test)]`.
pub(crate) fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        let last = path.segments.last().map(|s| s.ident.to_string());
        if matches!(last.as_deref(), Some("test" | "bench" | "rstest")) {
            return true;
        }
        if path.is_ident("cfg")
            && let syn::Meta::List(list) = &attr.meta
        {
            // `cfg(test)`, `cfg(all(test, ..))`; not `cfg(not(test))`.
            return tokens_have_ident(list.tokens.clone(), "test")
                && !tokens_have_ident(list.tokens.clone(), "not");
        }
        false
    })
}

pub(crate) fn tokens_have_ident(tokens: TokenStream, ident: &str) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(i) => i == ident,
        TokenTree::Group(g) => tokens_have_ident(g.stream(), ident),
        _ => false,
    })
}

/// `#[no_mangle]`, `#[export_name]`, and binding generators' entry points.
fn is_foreign_entry(attr: &syn::Attribute) -> bool {
    let last = attr.path().segments.last().map(|s| s.ident.to_string());
    let unsafe_wrapped = attr.path().is_ident("unsafe")
        && matches!(&attr.meta, syn::Meta::List(list) if tokens_have_ident(list.tokens.clone(), "no_mangle"));
    unsafe_wrapped
        || matches!(
            last.as_deref(),
            Some("no_mangle" | "export_name" | "pyfunction" | "pymethods" | "napi" | "uniffi")
        )
}

/// `Ok(..)` as a pattern.
fn is_ok_pattern(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::TupleStruct(ts) => ts.path.is_ident("Ok"),
        _ => false,
    }
}

/// `Err(_)`, `Err(e)`, `_`: a pattern that catches `Lagged` along with `Closed`.
fn is_catch_all_err(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Wild(_) => true,
        syn::Pat::TupleStruct(ts) if ts.path.is_ident("Err") => ts
            .elems
            .iter()
            .all(|p| matches!(p, syn::Pat::Wild(_) | syn::Pat::Ident(_))),
        _ => false,
    }
}

/// The arm's body leaves the loop: `break`, `return`, or a block ending in one.
fn leaves_loop(body: &Expr) -> bool {
    match body {
        Expr::Break(_) | Expr::Return(_) => true,
        Expr::Block(block) => block.block.stmts.last().is_some_and(|stmt| match stmt {
            syn::Stmt::Expr(expr, _) => leaves_loop(expr),
            _ => false,
        }),
        _ => false,
    }
}

/// The first `?` in `handler` applied to (a method chain on) the variable `name`.
fn try_on<'e>(handler: &'e Expr, name: &str) -> Option<&'e syn::ExprTry> {
    struct Find<'e, 'n> {
        name: &'n str,
        found: Option<&'e syn::ExprTry>,
    }
    impl<'e> Visit<'e> for Find<'e, '_> {
        fn visit_expr_try(&mut self, expr: &'e syn::ExprTry) {
            let mut inner = &*expr.expr;
            while let Expr::MethodCall(m) = inner {
                inner = &m.receiver;
            }
            if self.found.is_none() && expr_name(inner).as_deref() == Some(self.name) {
                self.found = Some(expr);
            }
            visit::visit_expr_try(self, expr);
        }
        fn visit_expr_closure(&mut self, _: &'e syn::ExprClosure) {}
    }
    let mut find = Find { name, found: None };
    find.visit_expr(handler);
    find.found
}

/// The handler leaves the loop: a `break` or `return` (or `?`, or `Err(..)`) at its own level.
fn exits(handler: &Expr) -> bool {
    struct Exit {
        found: bool,
    }
    impl<'ast> Visit<'ast> for Exit {
        fn visit_expr_break(&mut self, _: &'ast syn::ExprBreak) {
            self.found = true;
        }
        fn visit_expr_return(&mut self, _: &'ast syn::ExprReturn) {
            self.found = true;
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if mac.path.is_ident("bail") || mac.path.is_ident("panic") {
                self.found = true;
            }
        }
        // A loop inside the handler owns its own `break`s.
        fn visit_expr_loop(&mut self, _: &'ast syn::ExprLoop) {}
        fn visit_expr_while(&mut self, _: &'ast syn::ExprWhile) {}
        fn visit_expr_for_loop(&mut self, _: &'ast syn::ExprForLoop) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    }
    let mut exit = Exit { found: false };
    exit.visit_expr(handler);
    exit.found
}

/// The async block's value is a `Result`: it uses `?` at its own level, or ends in `Ok(..)`.
fn returns_result(block: &syn::Block) -> bool {
    struct Finder {
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_try(&mut self, _: &'ast syn::ExprTry) {
            self.found = true;
        }
        fn visit_expr_return(&mut self, ret: &'ast syn::ExprReturn) {
            if let Some(value) = &ret.expr
                && is_result_ctor(value)
            {
                self.found = true;
            }
            visit::visit_expr_return(self, ret);
        }
        // Nested closures, async blocks and items return their own values.
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_expr_try_block(&mut self, _: &'ast syn::ExprTryBlock) {}
    }
    let mut finder = Finder { found: false };
    finder.visit_block(block);
    let tail = block.stmts.last().is_some_and(|stmt| match stmt {
        syn::Stmt::Expr(expr, None) => is_result_ctor(expr),
        _ => false,
    });
    finder.found || tail
}

fn is_result_ctor(expr: &Expr) -> bool {
    match expr {
        Expr::Call(call) => {
            matches!(&*call.func, Expr::Path(p) if p.path.is_ident("Ok") || p.path.is_ident("Err"))
        }
        _ => false,
    }
}

/// The variable a simple pattern binds.
fn pattern_name(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(ident) => Some(ident.ident.to_string()),
        syn::Pat::Type(typed) => pattern_name(&typed.pat),
        _ => None,
    }
}

/// The name an expression refers to: `delay`, `self.delay`.
fn expr_name(expr: &Expr) -> Option<String> {
    match strip(expr) {
        Expr::Path(path) => path.path.get_ident().map(|i| i.to_string()),
        Expr::Field(field) => match &field.member {
            syn::Member::Named(name) => Some(name.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        _ => None,
    }
}

fn is_delay_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    DELAY_WORDS.iter().any(|word| lower.contains(word))
}

/// The code names a cap: `min`, `clamp`, or a checked or saturating operation.
fn mentions_cap(tokens: &str) -> bool {
    tokens
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|word| {
            matches!(
                word,
                "min"
                    | "clamp"
                    | "checked_mul"
                    | "saturating_mul"
                    | "checked_pow"
                    | "saturating_pow"
            ) || word.starts_with("max_")
                || word.starts_with("MAX_")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(source: &str) -> Vec<&'static str> {
        let file = syn::parse_file(source).unwrap();
        let mut graph = crate::startup::CallGraph::default();
        graph.add_file(&file);
        analyze(&file, false, &graph.startup())
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn std_sleep_in_async_fn_is_blocking_and_tokio_sleep_is_not() {
        assert_eq!(
            rules("use std::thread; async fn f() { thread::sleep(D); }"),
            ["blocking-in-async"]
        );
        assert!(rules("use tokio::time::sleep; async fn f() { sleep(D).await; }").is_empty());
        assert!(rules("fn f() { std::thread::sleep(D); }").is_empty());
    }

    #[test]
    fn what_main_calls_is_start_up_code() {
        let source = "fn main() { rt.block_on(app::run(opts)) }
            async fn run(opts: Opts) { let c = std::fs::read_to_string(opts.config); }
            async fn handle() { std::fs::read(\"x\"); }";
        assert_eq!(rules(source), ["blocking-in-async"]);
    }

    #[test]
    fn start_up_is_followed_through_calls_but_not_into_loops() {
        let spawned = "#[tokio::main] async fn main() { tokio::spawn(worker()); }
            async fn worker() { std::thread::sleep(D); }";
        assert_eq!(rules(spawned), ["blocking-in-async"]);
        let source = "#[tokio::main] async fn main() { serve(cfg).await }
            async fn serve(cfg: C) { let l = bind(&cfg).await; loop { handle(l.accept().await).await; } }
            async fn bind(cfg: &C) { std::fs::remove_file(&cfg.socket); }
            async fn handle(s: S) { std::fs::read(\"x\"); }";
        assert_eq!(rules(source), ["blocking-in-async"]);
        // A future a free function drives alone with `block_on` is start-up code too.
        let alone = "fn login() { let rt = rt(); rt.block_on(async { probe().await }); }
            async fn probe() { std::net::TcpStream::connect(A); }";
        assert!(rules(alone).is_empty());
    }

    #[test]
    fn spawn_blocking_and_threads_are_not_async_context() {
        let source = "async fn f() {
            tokio::task::spawn_blocking(|| std::fs::read(\"x\")).await;
            std::thread::spawn(|| std::thread::sleep(D));
        }";
        assert!(rules(source).is_empty());
    }

    #[test]
    fn main_start_up_is_exempt_but_its_loops_are_not() {
        let source = "#[tokio::main] async fn main() {
            let c = std::fs::read_to_string(\"c\");
            loop { std::fs::read(\"x\"); }
        }";
        assert_eq!(rules(source), ["blocking-in-async"]);
    }

    #[test]
    fn a_sleep_in_a_select_loop_is_flagged_but_a_pinned_one_is_not() {
        let anti = "use tokio::time::sleep; async fn f() { loop { tokio::select! {
            _ = sleep(D) => tick(),
            m = rx.recv() => handle(m),
        } } }";
        assert_eq!(rules(anti), ["timers-in-loops"]);
        let fixed = "use tokio::time::sleep; async fn f() { let s = sleep(D); tokio::pin!(s);
            loop { tokio::select! { _ = &mut s => tick(), m = rx.recv() => handle(m), } } }";
        assert!(rules(fixed).is_empty());
    }

    #[test]
    fn read_line_as_a_select_branch_in_a_loop_is_not_cancel_safe() {
        let source = "async fn f() { loop { tokio::select! {
            n = reader.read_line(&mut line) => {},
            _ = tick.tick() => report(),
        } } }";
        assert_eq!(rules(source), ["cancel-safety"]);
        // When the other branch leaves the loop, the cancelled read is never resumed.
        let leaves = "async fn f() { loop { tokio::select! {
            n = reader.read_line(&mut line) => {},
            _ = stop.changed() => break,
        } } }";
        assert!(rules(leaves).is_empty());
    }

    #[test]
    fn broadcast_loop_ending_on_any_error() {
        let source = "use tokio::sync::broadcast; async fn f(tx: broadcast::Sender<u8>) {
            let mut rx = tx.subscribe();
            while let Ok(m) = rx.recv().await { use_it(m); }
        }";
        assert_eq!(rules(source), ["broadcast-lagged"]);
        let mpsc = "async fn f(mut rx: Receiver<u8>) { while let Some(m) = rx.recv().await {} }";
        assert!(rules(mpsc).is_empty());
    }

    #[test]
    fn runtime_per_call_in_a_method_but_not_in_main_or_a_once_cell() {
        let anti = "use tokio::runtime::Runtime; impl B { fn call(&self) { let rt = Runtime::new().unwrap(); rt.block_on(f()); } }";
        assert_eq!(rules(anti), ["runtime-per-call"]);
        let main = "use tokio::runtime::Runtime; fn main() { let rt = Runtime::new().unwrap(); }";
        assert!(rules(main).is_empty());
        let once = "use tokio::runtime::Runtime; impl B { fn rt(&self) -> &Runtime { self.rt.get_or_init(|| Runtime::new().unwrap()) } }";
        assert!(rules(once).is_empty());
    }

    #[test]
    fn detached_task_returning_a_result() {
        let anti = "async fn f() { tokio::spawn(async move { work().await?; Ok::<_, E>(()) }); }";
        assert_eq!(rules(anti), ["detached-tasks"]);
        let fine = "async fn f() { tokio::spawn(async move { if let Err(e) = work().await { log(e) } }); }";
        assert!(rules(fine).is_empty());
    }

    #[test]
    fn backoff_pow_unless_the_exponent_is_capped() {
        let anti = "async fn f() { let delay = Duration::from_millis(100 * 2u64.pow(attempt)); }";
        assert_eq!(rules(anti), ["retry-backoff"]);
        let capped = "async fn f() { let n = attempt.min(8); let delay = Duration::from_millis(100 * 2u64.pow(n)); }";
        assert!(rules(capped).is_empty());
    }

    #[test]
    fn client_in_a_loop() {
        let anti = "async fn f() { for u in urls { let c = reqwest::Client::new(); } }";
        assert_eq!(rules(anti), ["client-per-request"]);
        assert!(rules("async fn f() { let c = reqwest::Client::new(); }").is_empty());
    }

    #[test]
    fn a_timer_branch_that_leaves_the_loop_is_an_idle_timeout() {
        let idle = "use tokio::time::sleep; async fn f() { loop { tokio::select! {
            m = rx.recv() => handle(m),
            _ = sleep(IDLE) => break,
        } } }";
        assert!(rules(idle).is_empty());
        let absolute = "use tokio::time::sleep_until; async fn f() { loop { tokio::select! {
            _ = sleep_until(next_expiry) => purge(),
            m = rx.recv() => handle(m),
        } } }";
        assert!(rules(absolute).is_empty());
        let fresh =
            "use tokio::time::{sleep_until, Instant}; async fn f() { loop { tokio::select! {
            _ = sleep_until(Instant::now() + D) => tick(),
            m = rx.recv() => handle(m),
        } } }";
        assert_eq!(rules(fresh), ["timers-in-loops"]);
    }

    #[test]
    fn shutdown_signals_recreated_in_a_select_loop() {
        let ctrl_c = "async fn f() { loop { tokio::select! {
            _ = tokio::signal::ctrl_c() => stop(),
            m = rx.recv() => handle(m),
        } } }";
        assert_eq!(rules(ctrl_c), ["graceful-shutdown"]);
        // `notified()` loses a wake-up only with `notify_waiters`.
        let one = "async fn f() { loop { tokio::select! { _ = n.notified() => stop(), m = rx.recv() => handle(m), } } }";
        assert!(rules(one).is_empty());
        let waiters = "async fn f() { loop { tokio::select! { _ = n.notified() => stop(), m = rx.recv() => handle(m), } } }
            fn g() { n.notify_waiters(); }";
        assert_eq!(rules(waiters), ["graceful-shutdown"]);
    }

    #[test]
    fn broadcast_errors_ended_with_question_mark_or_a_catch_all_arm() {
        let select = "use tokio::sync::broadcast; struct A { rx: broadcast::Receiver<u8> }
            impl A { async fn run(&mut self) -> R { loop { tokio::select! {
                res = self.rx.recv() => { let m = res?; use_it(m); }
                _ = tick.tick() => {}
            } } } }";
        assert_eq!(rules(select), ["broadcast-lagged"]);
        let handled = "use tokio::sync::broadcast; struct A { rx: broadcast::Receiver<u8> }
            impl A { async fn run(&mut self) -> R { loop { tokio::select! {
                res = self.rx.recv() => { if is_lagged(&res) { continue; } let m = res?; }
                _ = tick.tick() => {}
            } } } }";
        assert!(rules(handled).is_empty());
        let arm =
            "async fn f(tx: tokio::sync::broadcast::Sender<u8>) { let mut rx = tx.subscribe();
            loop { match rx.recv().await { Ok(m) => use_it(m), Err(_) => break } } }";
        assert_eq!(rules(arm), ["broadcast-lagged"]);
    }

    #[test]
    fn runtime_builders_and_clients_in_registered_callbacks() {
        let builder = "use tokio::runtime::Builder; impl B { fn call(&self) {
            let rt = Builder::new_current_thread().enable_all().build().unwrap(); } }";
        assert_eq!(rules(builder), ["runtime-per-call"]);
        let route = "fn app() -> Router { Router::new().route(\"/\", get(|| async { reqwest::Client::new() })) }";
        assert_eq!(rules(route), ["client-per-request"]);
        let fallback = "fn client(c: Option<reqwest::Client>) -> reqwest::Client { c.unwrap_or_else(|| reqwest::Client::new()) }";
        assert!(rules(fallback).is_empty());
        let method = "impl Api { async fn get(&self, url: &str) { let c = reqwest::Client::new(); c.get(url).send().await; } }";
        assert_eq!(rules(method), ["client-per-request"]);
        let factory = "impl Api { fn client(&self) -> reqwest::Client { reqwest::Client::new() } }";
        assert!(rules(factory).is_empty());
    }

    #[test]
    fn a_pow_in_a_function_that_returns_a_duration() {
        let anti = "impl Backoff for Exponential { fn delay(&self, attempt: u32) -> Duration { self.0 * 2u32.pow(attempt) } }";
        assert_eq!(rules(anti), ["retry-backoff"]);
        let fixed = "impl Backoff for Exponential { fn delay(&self, attempt: u32) -> Duration { self.0.saturating_mul(2u32.saturating_pow(attempt)) } }";
        assert!(rules(fixed).is_empty());
        assert!(rules("fn area(side: u64) -> u64 { side.pow(n) }").is_empty());
    }

    #[test]
    fn doubling_a_delay_without_a_cap() {
        let anti = "async fn f() { let mut delay = D; loop { sleep(delay).await; delay *= 2; } }";
        assert_eq!(rules(anti), ["retry-backoff"]);
        let capped = "async fn f() { let mut delay = D; loop { sleep(delay).await; if delay > MAX { return; } delay *= 2; } }";
        assert!(rules(capped).is_empty());
    }

    #[test]
    fn tests_are_skipped() {
        let source = "#[cfg(test)] mod tests { async fn f() { std::thread::sleep(D); } }
                      #[tokio::test] async fn t() { std::thread::sleep(D); }";
        assert!(rules(source).is_empty());
    }
}
