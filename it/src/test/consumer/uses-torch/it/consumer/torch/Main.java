package it.consumer.torch;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

public final class Main {
    public static void main(String[] args) {
        System.out.println("backend " + Torch.backendInfo());
        Tensor sum = Torch.arange(1, 3).view(1, 2).add(Torch.arange(1, 4).view(3, 1));
        System.out.println(sum);
    }
}
