/**
 * The one network stack of the library: a {@link imitation.nn.Network} is a chain of {@link imitation.nn.Layer}s
 * (dense, activations, 2-D convolution, LSTM, GRU, appended learned constants) whose parameters live in one flat
 * float vector ({@link imitation.nn.Params}); every layer's backward pass adds its parameter gradient and returns
 * the gradient with respect to its input. Working memory lives on a {@link imitation.nn.Tape}, one per thread, so
 * inference is thread-safe; optimisers ({@link imitation.nn.Adam}, {@link imitation.nn.Sgd}) are separate from the
 * layers. Data flows as {@link imitation.nn.Batch}es: native float matrices, column-major, one row per example
 * (sequence batches stack their time steps). Products are single OpenBLAS calls on native memory; see the README
 * for measured speed against PyTorch.
 */
package imitation.nn;
