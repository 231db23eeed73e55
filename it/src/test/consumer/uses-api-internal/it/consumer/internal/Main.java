package it.consumer.internal;

public final class Main {
    public static void main(String[] args) {
        System.out.println(dev.jtorch.Backends.all());
    }
}
