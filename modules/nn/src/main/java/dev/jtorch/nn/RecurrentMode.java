package dev.jtorch.nn;

/** Which recurrence a layer runs, with the number of gate blocks stacked in its weights. */
enum RecurrentMode {
    RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

    final int gates;

    RecurrentMode(int gates) { this.gates = gates; }
}
