//! The attribute macros behind `util::async_timed` and `util::main`. Documented there.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{FnArg, ItemFn, Pat, ReturnType, Token, parse_macro_input};

/// See `util::async_timed`.
#[proc_macro_attribute]
pub fn async_timed(attr: TokenStream, item: TokenStream) -> TokenStream {
    let function = parse_macro_input!(item as ItemFn);
    let expanded = if attr.is_empty() {
        timed(function)
    } else {
        Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            "#[async_timed] takes no arguments",
        ))
    };
    expanded
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Keeps the signature and moves the body into an inner `async fn`, whose call is wrapped in
/// `util::timed::Timed`. An inner function rather than an `async` block so that `?` and
/// `return` in the body keep the declared return type.
fn timed(function: ItemFn) -> syn::Result<TokenStream2> {
    let ItemFn {
        attrs,
        vis,
        sig,
        block,
    } = function;
    if sig.asyncness.is_none() {
        return Err(syn::Error::new_spanned(
            sig.fn_token,
            "#[async_timed] times async functions",
        ));
    }
    let mut arguments = Vec::new();
    for input in &sig.inputs {
        match input {
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(ident) => arguments.push(ident.ident.clone()),
                other => {
                    return Err(syn::Error::new_spanned(
                        other,
                        "#[async_timed] needs plain argument names",
                    ));
                }
            },
            FnArg::Receiver(receiver) => {
                return Err(syn::Error::new_spanned(
                    receiver,
                    "#[async_timed] supports free functions, not methods",
                ));
            }
        }
    }
    let name = sig.ident.to_string();
    let mut inner_sig = sig.clone();
    inner_sig.ident = format_ident!("__{}_untimed", sig.ident);
    let inner_name = &inner_sig.ident;
    let (_, type_generics, _) = sig.generics.split_for_impl();
    let turbofish = type_generics.as_turbofish();
    Ok(quote! {
        #(#attrs)*
        #vis #sig {
            #inner_sig #block
            ::util::timed::Timed::new(
                #name,
                ::std::format!("{:?}", (#(&#arguments,)*)),
                #inner_name #turbofish (#(#arguments),*),
            )
            .await
        }
    })
}

/// See `util::main`.
#[proc_macro_attribute]
pub fn main(attr: TokenStream, item: TokenStream) -> TokenStream {
    let function = parse_macro_input!(item as ItemFn);
    main_impl(attr.into(), function)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

fn main_impl(attr: TokenStream2, function: ItemFn) -> syn::Result<TokenStream2> {
    let options = Punctuated::<syn::Ident, Token![,]>::parse_terminated.parse2(attr)?;
    let mut builder = quote!(::util::runtime::Options::new());
    for option in options {
        builder = match option.to_string().as_str() {
            "debug" => quote!(#builder.debug()),
            "multi_thread" => quote!(#builder.multi_thread()),
            _ => {
                return Err(syn::Error::new_spanned(
                    option,
                    "expected `debug` or `multi_thread`",
                ));
            }
        };
    }
    let ItemFn {
        attrs,
        vis,
        mut sig,
        block,
    } = function;
    if sig.asyncness.take().is_none() {
        return Err(syn::Error::new_spanned(
            sig.fn_token,
            "#[util::main] goes on `async fn main()`",
        ));
    }
    let output = match &sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => quote!(#ty),
    };
    sig.output = syn::parse_quote!(-> ::std::process::ExitCode);
    let command_line = command_line(&block);
    // Naming the body's output type lets `?` inside it infer its error type, as
    // `#[tokio::main]` does.
    Ok(quote! {
        #(#attrs)*
        #vis #sig {
            #command_line
            let body: ::std::pin::Pin<&mut dyn ::std::future::Future<Output = #output>> =
                ::std::pin::pin!(async move #block);
            ::util::runtime::MainOutput::exit_code(#builder.run(body))
        }
    })
}

/// See `util::plain_main`.
#[proc_macro_attribute]
pub fn plain_main(attr: TokenStream, item: TokenStream) -> TokenStream {
    let function = parse_macro_input!(item as ItemFn);
    if !attr.is_empty() {
        return syn::Error::new(
            proc_macro2::Span::call_site(),
            "#[util::plain_main] takes no arguments",
        )
        .into_compile_error()
        .into();
    }
    let ItemFn {
        attrs,
        vis,
        mut sig,
        block,
    } = function;
    if sig.asyncness.is_some() {
        return syn::Error::new_spanned(
            sig.asyncness,
            "#[util::plain_main] goes on a plain `fn main()`; use #[util::main] for `async fn`",
        )
        .into_compile_error()
        .into();
    }
    let output = match &sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => quote!(#ty),
    };
    sig.output = syn::parse_quote!(-> ::std::process::ExitCode);
    let command_line = command_line(&block);
    quote! {
        #(#attrs)*
        #vis #sig {
            #command_line
            let body = || -> #output #block;
            ::util::runtime::MainOutput::exit_code(body())
        }
    }
    .into()
}

/// What every `main` does first about its command line, and about a closed stdout:
/// - a `main` that parses no flags of its own gets `--help` (its header) and the refusal of any
///   argument;
/// - one that calls clap's `Args::parse()` has its arguments parsed once more before anything
///   runs, so that `--help` or a mistake in them is answered before a timed `main`
///   (`#[util::async_timed]`) prints its `starting main` line; the body's own call then parses
///   the same arguments again, and finds them right;
/// - a write to a closed stdout (the program piped into `head`) ends the program quietly.
fn command_line(block: &syn::Block) -> TokenStream2 {
    let broken_pipe = quote!(::util::cli::quiet_on_broken_pipe(););
    if let Some(parser) = parser_type(quote!(#block)) {
        return quote! {
            #broken_pipe
            let _ = <#parser as ::clap::Parser>::parse();
        };
    }
    if calls_a_parser(quote!(#block)) {
        return broken_pipe;
    }
    // `file!()` is the path rustc was given, which Cargo makes relative to the workspace root
    // and runs rustc from there: so the root is this process's current directory (a package
    // of a workspace is not at its root, and `CARGO_MANIFEST_DIR` would miss).
    let root = std::env::current_dir()
        .map(|dir| format!("{}/", dir.display()))
        .unwrap_or_default();
    quote! {
        #broken_pipe
        ::util::cli::no_arguments(::std::include_str!(::std::concat!(#root, ::std::file!())));
    }
}

/// The type `T` of a `T::parse()` call (clap's `parse` takes no argument, which tells it from
/// a `parse(text)` of the example's own), as the path it is written with.
fn parser_type(tokens: TokenStream2) -> Option<TokenStream2> {
    use proc_macro2::TokenTree;
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => {
                if let Some(found) = parser_type(group.stream()) {
                    return Some(found);
                }
            }
            TokenTree::Ident(ident) if ident == "parse" => {
                let no_arguments = matches!(
                    tokens.get(i + 1),
                    Some(TokenTree::Group(g))
                        if g.delimiter() == proc_macro2::Delimiter::Parenthesis
                            && g.stream().is_empty()
                );
                // Walk back over `Path ::` pairs: `Args::parse` or `cli::Args::parse`.
                let mut start = i;
                while start >= 3
                    && is_colon(&tokens[start - 1])
                    && is_colon(&tokens[start - 2])
                    && matches!(tokens[start - 3], TokenTree::Ident(_))
                {
                    start -= 3;
                }
                if no_arguments && start < i {
                    let path: TokenStream2 = tokens[start..i - 2].iter().cloned().collect();
                    return Some(path);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_colon(token: &proc_macro2::TokenTree) -> bool {
    matches!(token, proc_macro2::TokenTree::Punct(p) if p.as_char() == ':')
}

/// Whether `tokens` hold a path call `Something::parse()`, `::try_parse()` or `::parse_from(`.
/// clap's `parse` and `try_parse` take no argument, which tells them from a `parse(text)` of
/// the example's own.
fn calls_a_parser(tokens: TokenStream2) -> bool {
    use proc_macro2::TokenTree;
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    tokens.iter().enumerate().any(|(i, token)| match token {
        TokenTree::Group(group) => calls_a_parser(group.stream()),
        TokenTree::Ident(ident) => {
            let name = ident.to_string();
            let after_path = i >= 2
                && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == ':')
                && matches!(&tokens[i - 2], TokenTree::Punct(p) if p.as_char() == ':');
            let arguments = match tokens.get(i + 1) {
                Some(TokenTree::Group(g))
                    if g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
                {
                    Some(g.stream().is_empty())
                }
                _ => None,
            };
            after_path
                && match name.as_str() {
                    "parse" | "try_parse" => arguments == Some(true),
                    "parse_from" => arguments.is_some(),
                    _ => false,
                }
        }
        _ => false,
    })
}
