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
    // Naming the body's output type lets `?` inside it infer its error type, as
    // `#[tokio::main]` does.
    Ok(quote! {
        #(#attrs)*
        #vis #sig {
            let body: ::std::pin::Pin<&mut dyn ::std::future::Future<Output = #output>> =
                ::std::pin::pin!(async move #block);
            ::util::runtime::MainOutput::exit_code(#builder.run(body))
        }
    })
}
