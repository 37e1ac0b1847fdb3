import { loadKernels, onFirstUse, type KernelSet } from '../kernels/loadKernels.js';

/**
 * The kernels behind k-means' distances (see rowDots.ts): rowDots (point-target dot
 * products), ownDots (for bounds), nearestTwo (the E-step's scan) and candidateStep (greedy
 * k-means++), each in src/kernels/. Instantiated together on one memory, which each thread
 * gives its own copy of the points.
 */
export type DistanceKernels = KernelSet<'rowDots' | 'ownDots' | 'nearestTwo' | 'candidateStep'>;

/** The distance kernels, compiled on first use; a kernel that fails to load throws, naming its file. */
export const distanceKernels: () => DistanceKernels = onFirstUse(() => loadKernels(['rowDots', 'ownDots', 'nearestTwo', 'candidateStep']));
