/** Tries to reach the backend's implementation class by reflection: must be refused at run time. */
module it.consumer.reflect {
    requires dev.jtorch.tensor.api;
}
