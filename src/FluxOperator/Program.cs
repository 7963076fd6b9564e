using FluxOperator.Commands;

// Flags without a subcommand (or no arguments at all: the image's entrypoint alone) run the operator, as upstream's do.
return await CommandTree.InvokeAsync(UpstreamInvocation.Normalize(args));
