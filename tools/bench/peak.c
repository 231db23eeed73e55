#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <omp.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){
  long iters=20000000;
  double best=0;
  for(int rep=0;rep<40;rep++){
  double t0=now(); float sink=0;
  #pragma omp parallel reduction(+:sink)
  {
   __m256 a0=_mm256_set1_ps(1),a1=a0,a2=a0,a3=a0,a4=a0,a5=a0,a6=a0,a7=a0,a8=a0,a9=a0;
   __m256 m=_mm256_set1_ps(0.9999999f),c=_mm256_set1_ps(1e-7f);
   for(long i=0;i<iters/omp_get_num_threads();i++){
     a0=_mm256_fmadd_ps(a0,m,c);a1=_mm256_fmadd_ps(a1,m,c);a2=_mm256_fmadd_ps(a2,m,c);a3=_mm256_fmadd_ps(a3,m,c);a4=_mm256_fmadd_ps(a4,m,c);
     a5=_mm256_fmadd_ps(a5,m,c);a6=_mm256_fmadd_ps(a6,m,c);a7=_mm256_fmadd_ps(a7,m,c);a8=_mm256_fmadd_ps(a8,m,c);a9=_mm256_fmadd_ps(a9,m,c);
   }
   __m256 s=_mm256_add_ps(_mm256_add_ps(_mm256_add_ps(a0,a1),_mm256_add_ps(a2,a3)),_mm256_add_ps(_mm256_add_ps(a4,a5),_mm256_add_ps(a6,a7)));
   s=_mm256_add_ps(s,_mm256_add_ps(a8,a9));
   float o[8];_mm256_storeu_ps(o,s);sink+=o[0];
  }
  double t=now()-t0; double g=iters*10.0*16/t/1e9; if(g>best)best=g; if(sink==42)puts("");
  }
  printf("FMA peak threads=%d: %.1f GFLOP/s\n",omp_get_max_threads(),best);
  long n=1<<24; float*a=aligned_alloc(64,n*4),*b=aligned_alloc(64,n*4),*cc=aligned_alloc(64,n*4);
  #pragma omp parallel for
  for(long i=0;i<n;i++){a[i]=1;b[i]=2;cc[i]=3;}
  double bw=0;
  for(int rep=0;rep<40;rep++){double t0=now();
  #pragma omp parallel for
  for(long i=0;i<n;i++)a[i]=b[i]+1.5f*cc[i];
  double t=now()-t0; double g=3.0*n*4/t/1e9; if(g>bw)bw=g;}
  printf("STREAM triad 16M floats threads=%d: %.1f GB/s (3 arrays x 64 MiB, no write-allocate counted)\n",omp_get_max_threads(),bw);
  return 0;}
